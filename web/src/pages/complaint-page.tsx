import { Alert, Card, Col, Grid, Row, Spin } from 'antd';
import { useParams } from 'react-router-dom';
import { useT } from '../i18n/i18n-context.tsx';
import { useAsync } from '../components/use-async.ts';
import { describeError } from '../components/use-error-reporter.ts';
import { getComplaint } from '../features/complaint/api.ts';
import { ComplaintHeader } from '../features/complaint/components/complaint-header.tsx';
import { ClockList } from '../features/complaint/components/clock-list.tsx';
import { EventTimeline } from '../features/complaint/components/event-timeline.tsx';
import { ActionPanel } from '../features/complaint/components/action-panel.tsx';
import { ComplaintDetails } from '../features/complaint/components/complaint-details.tsx';
import { RelatedList } from '../features/complaint/components/related-list.tsx';
import { GuideCard } from '../features/complaint/components/guide-card.tsx';
import { AssessmentCard } from '../features/complaint/components/assessment-card.tsx';
import { CompensationCard } from '../features/complaint/components/compensation-card.tsx';
import { CaseworkCards } from '../features/casework/components/casework-cards.tsx';
import { NotificationDeliveriesCard } from '../features/delivery/notification-deliveries.tsx';
import { CustomerMessagesCard } from '../features/delivery/customer-messages.tsx';
import { useMeta } from '../features/meta/meta-context.tsx';
import { useAuth } from '../features/meta/auth-context.tsx';

export default function ComplaintPage() {
  const t = useT();
  const { id = '' } = useParams();
  const meta = useMeta();
  const { user } = useAuth();
  const { data: c, error, loading, setData, reload } = useAsync(() => getComplaint(id), [id]);
  // Two columns from xl up; narrower, the actions follow the clocks instead of the whole history.
  const twoColumns = Grid.useBreakpoint().xl !== false;
  if (error) return <Alert type="error" title={describeError(error, t)} />;
  if (!c || (loading && c.id !== id)) return <Spin />;
  // Remount the action forms after each action: the allowed set and the defaults change with the state.
  const version = `${c.status}-${c.updatedAt ?? ''}-${c.events?.length ?? 0}`;
  const actions = (
    <Card size="small" title={t('complaint.actions')} style={{ marginBottom: 16 }}>
      <ActionPanel key={version} complaint={c} onDone={setData} />
    </Card>
  );
  return (
    <>
      <ComplaintHeader complaint={c} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card size="small" title={t('complaint.clocks')} style={{ marginBottom: 16 }}>
            <ClockList complaint={c} />
          </Card>
          {!twoColumns && actions}
          <Card size="small" title={t('complaint.details')} style={{ marginBottom: 16 }}>
            <ComplaintDetails complaint={c} />
          </Card>
          <Card size="small" title={t('complaint.timeline')}>
            <EventTimeline events={c.events ?? []} policyId={c.policyId} />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          {twoColumns && actions}
          <Card size="small" title={t('complaint.guide')} style={{ marginBottom: 16 }}>
            <GuideCard complaint={c} />
          </Card>
          <Card size="small" title={t('complaint.links')} style={{ marginBottom: 16 }}>
            <RelatedList complaint={c} />
          </Card>
          <Card size="small" title={t('complaint.assessment')} style={{ marginBottom: 16 }}>
            <AssessmentCard complaintId={c.id} version={version} />
          </Card>
          {meta.packs.get(c.policyId)?.compensation?.authority && (
            <Card size="small" title={t('compensation.title')} style={{ marginBottom: 16 }}>
              <CompensationCard complaint={c} canAct={!!user && user.role !== 'auditor'} onChanged={reload} />
            </Card>
          )}
          <Card size="small" title={t('delivery.section')} style={{ marginBottom: 16 }}>
            <NotificationDeliveriesCard complaintId={c.id} version={version} />
          </Card>
          <Card size="small" title={t('customerMessages.section')} style={{ marginBottom: 16 }}>
            <CustomerMessagesCard complaintId={c.id} version={version} />
          </Card>
          <CaseworkCards complaint={c} version={version} onChanged={reload} />
        </Col>
      </Row>
    </>
  );
}

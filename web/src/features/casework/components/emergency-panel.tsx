/**
 * The emergency response of a major complaint (R-EM-1), opened by itself (#15 item 6): log actions (an
 * 'answer' or 'conclusion' entry meets the 24 h / 3 day deadline), then review it, which closes it.
 */
import { Alert, Button, Descriptions, Form, Input, List, Select, Space, Spin, Tag, Typography } from 'antd';
import { useT } from '../../../i18n/i18n-context.tsx';
import { formatTime } from '../../../components/format.ts';
import { getEmergency, logEmergency, reviewEmergency, type EmergencyKind } from '../api.ts';
import { useCaseworkRecord } from '../use-casework-record.ts';
import { useLabels } from '../../meta/use-labels.ts';
import { DeadlineTag } from './deadline-tag.tsx';

const KINDS: EmergencyKind[] = ['action', 'answer', 'conclusion'];

export function EmergencyPanel({
  complaintId,
  policyId,
  version,
  onChanged,
}: {
  complaintId: string;
  policyId: string;
  version: string;
  onChanged?: () => void;
}) {
  const t = useT();
  const labels = useLabels();
  const {
    record: e,
    loaded,
    loadError,
    busy,
    error,
    run,
    canAct,
  } = useCaseworkRecord(() => getEmergency(complaintId), [complaintId, version], onChanged);
  const [logForm] = Form.useForm<{ kind: EmergencyKind; text: string }>();
  if (loadError) return <Alert type="error" title={loadError} />;
  if (!loaded) return <Spin size="small" />;
  const errorBox = error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 8 }} />;
  const required = { required: true, whitespace: true, message: t('common.required') };

  // #15 item 6: the plan opens by itself in the step that makes the complaint major under a pack that has one.
  if (!e) return <Typography.Text type="secondary">{t('em.none')}</Typography.Text>;

  const isOpen = e.status === 'open';
  return (
    <div data-testid="emergency-panel">
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('em.status')}>
          <Tag color={isOpen ? 'red' : 'default'}>{t(isOpen ? 'em.statusOpen' : 'em.statusReviewed')}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('em.commander')}>{e.commander.name || labels.position(policyId, e.commander.role)}</Descriptions.Item>
        <Descriptions.Item label={t('em.team')}>{e.team.map((m) => labels.position(policyId, m)).join('、')}</Descriptions.Item>
        <Descriptions.Item label={t('em.deadlines')}>
          <Space orientation="vertical" size={2}>
            <DeadlineTag label={t('em.answerDue')} d={e.answer} />
            <DeadlineTag label={t('em.conclusionDue')} d={e.conclusion} />
          </Space>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Text strong>{t('em.log')}</Typography.Text>
      <List
        size="small"
        locale={{ emptyText: t('common.empty') }}
        dataSource={e.actions}
        renderItem={(a) => (
          <List.Item>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                {formatTime(a.at)} · {a.actor} <Tag>{t(`em.kind.${a.kind}` as 'em.kind.action')}</Tag>
              </Typography.Text>
              <span className="pre-wrap">{a.text}</span>
            </div>
          </List.Item>
        )}
      />
      {e.review && (
        <Alert
          type="info"
          style={{ marginTop: 8 }}
          title={t('em.reviewed')}
          description={<span className="pre-wrap">{`${e.review.findings}\n${e.review.planChanges}`}</span>}
        />
      )}
      {canAct && isOpen && (
        <>
          <Form
            form={logForm}
            name="emergency-log"
            layout="vertical"
            initialValues={{ kind: 'action' }}
            style={{ marginTop: 8 }}
            onFinish={(v) =>
              void run(() => logEmergency(complaintId, { kind: v.kind, text: v.text.trim() })).then(
                (ok) => ok && logForm.resetFields(['text']),
              )
            }
          >
            <Form.Item name="kind" label={t('em.kind')}>
              <Select options={KINDS.map((k) => ({ value: k, label: t(`em.kind.${k}` as 'em.kind.action') }))} />
            </Form.Item>
            <Form.Item name="text" label={t('em.entry')} rules={[required, { max: 5000 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
            </Form.Item>
            <Button htmlType="submit" loading={busy}>
              {t('em.addEntry')}
            </Button>
          </Form>
          <Form<{ findings: string; planChanges?: string }>
            name="emergency-review"
            layout="vertical"
            style={{ marginTop: 12 }}
            onFinish={(v) =>
              void run(() => reviewEmergency(complaintId, { findings: v.findings.trim(), planChanges: v.planChanges?.trim() ?? '' }))
            }
          >
            <Form.Item name="findings" label={t('em.findings')} rules={[required, { max: 5000 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
            </Form.Item>
            <Form.Item name="planChanges" label={t('em.planChanges')} rules={[{ max: 5000 }]}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
            </Form.Item>
            <Button htmlType="submit" loading={busy}>
              {t('em.review')}
            </Button>
          </Form>
        </>
      )}
      {errorBox}
    </div>
  );
}

/**
 * 报表日程 / Report schedules (issue #15 item 1): every report schedule of the packs followed under the node,
 * with the period of the report due next, its due date (the pack's own: Vanke's 18th, 3rd and 27th, S1's 5th),
 * the day its reminder goes to the recipient position, and how many units' reminders were sent. Opening a
 * schedule shows its report over the units that follow its pack.
 */
import { useState } from 'react';
import { Alert, Button, Card, Space, Spin, Table, Tag, Typography } from 'antd';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { useAsync } from '../../../components/use-async.ts';
import { describeError } from '../../../components/use-error-reporter.ts';
import { useMeta } from '../../meta/meta-context.tsx';
import { getReportSchedules, getScheduledReport, type ReportScheduleRow, type ScheduledQuery } from '../api.ts';
import { SummaryCards } from './summary-cards.tsx';
import { useReportLabels } from '../use-report-labels.ts';

function ScheduledReport({ query }: { query: ScheduledQuery }) {
  const { t } = useI18n();
  const labels = useReportLabels();
  const { data: r, error } = useAsync(() => getScheduledReport(query), [query.nodeId, query.policyId, query.scheduleId, query.period]);
  if (error) return <Alert type="error" title={describeError(error, t)} />;
  if (!r) return <Spin />;
  return (
    <Card size="small" data-testid="scheduled-report" title={`${r.schedule?.nameZh ?? ''} · ${r.period.labelZh}`}>
      <Typography.Paragraph type="secondary">
        {t('reports.range', { start: r.period.startDate, end: r.period.endDate, due: r.period.dueDate ?? '—' })}
      </Typography.Paragraph>
      <SummaryCards totals={r.totals} />
      {r.byCause.length > 0 && (
        <Typography.Paragraph style={{ marginTop: 12 }}>
          {t('reports.byCause')}：{r.byCause.map((b) => `${labels.cause(b.key, b.labelZh)} ${b.count}`).join('；')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

export function SchedulesView({ nodeId, date }: { nodeId: string; date: string }) {
  const { t, pick } = useI18n();
  const meta = useMeta();
  const [open, setOpen] = useState<ScheduledQuery | null>(null);
  const { data, error, loading } = useAsync(() => getReportSchedules(nodeId, date), [nodeId, date]);
  if (error) return <Alert type="error" title={describeError(error, t)} />;
  if (!data) return <Spin />;
  const dueText = (s: ReportScheduleRow) => {
    const d = s.due;
    if (d.kind === 'monthly')
      return t(d.period === 'previous_month' ? 'schedules.due.previousMonth' : 'schedules.due.currentMonth', { day: d.day ?? '' });
    return t(`schedules.due.${d.kind}`);
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Table<ReportScheduleRow>
        data-testid="report-schedules"
        size="small"
        loading={loading}
        rowKey={(s) => `${s.policyId}/${s.scheduleId}`}
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={data.schedules}
        locale={{ emptyText: t('schedules.none') }}
        columns={[
          { key: 'name', title: t('schedules.name'), render: (_, s) => pick(s.nameZh, s.name) },
          {
            key: 'pack',
            title: t('schedules.pack'),
            render: (_, s) => {
              const pack = meta.packs.get(s.policyId);
              return pack ? pick(pack.nameZh, pack.name) : s.policyId;
            },
          },
          { key: 'rule', title: t('schedules.rule'), render: (_, s) => dueText(s) },
          {
            key: 'period',
            title: t('schedules.period'),
            render: (_, s) => (s.next ? `${s.next.startDate} — ${s.next.endDate}` : t('schedules.atClosure')),
          },
          { key: 'due', title: t('schedules.dueDate'), render: (_, s) => (s.next ? <Tag color="blue">{s.next.dueDate}</Tag> : '—') },
          { key: 'remind', title: t('schedules.remindDate'), render: (_, s) => s.next?.remindDate ?? '—' },
          {
            key: 'recipient',
            title: t('schedules.recipient'),
            render: (_, s) => s.recipientZh ?? s.recipientRole ?? '—',
          },
          { key: 'reminded', title: t('schedules.reminded'), render: (_, s) => (s.next ? `${s.next.reminded} / ${s.units}` : '—') },
          {
            key: 'open',
            title: '',
            render: (_, s) =>
              s.next && (
                <Space>
                  <Button
                    size="small"
                    onClick={() => setOpen({ nodeId, policyId: s.policyId, scheduleId: s.scheduleId, period: s.next!.startDate })}
                  >
                    {t('schedules.openNext')}
                  </Button>
                  {s.previous && (
                    <Button
                      size="small"
                      type="link"
                      onClick={() => setOpen({ nodeId, policyId: s.policyId, scheduleId: s.scheduleId, period: s.previous!.startDate })}
                    >
                      {t('schedules.openPrevious')}
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
      {open && <ScheduledReport query={open} />}
    </Space>
  );
}

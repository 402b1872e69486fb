/** The report's totals as small cards: intake, validity, open / overdue / closed, closure, repeat, satisfaction. */
import { Card, Col, Row, Statistic } from 'antd';
import { useT } from '../../../i18n/i18n-context.tsx';
import { percent, type PeriodicReport } from '../api.ts';

export function SummaryCards({ totals }: { totals: PeriodicReport['totals'] }) {
  const t = useT();
  const items: { key: string; title: string; value: string | number; warn?: boolean }[] = [
    { key: 'received', title: t('reports.received'), value: totals.received },
    { key: 'valid', title: t('reports.valid'), value: totals.valid },
    { key: 'invalid', title: t('reports.invalid'), value: totals.invalid },
    { key: 'open', title: t('reports.open'), value: totals.open },
    { key: 'overdue', title: t('reports.overdue'), value: totals.overdue, warn: totals.overdue > 0 },
    { key: 'closed', title: t('reports.closed'), value: totals.closed },
    { key: 'closureRate', title: t('reports.closureRate'), value: percent(totals.closureRate) },
    { key: 'repeatRate', title: t('reports.repeatRate'), value: percent(totals.repeatRate) },
    {
      key: 'satisfaction',
      title: t('reports.satisfaction'),
      value: totals.satisfactionAverage === null ? '—' : `${totals.satisfactionAverage.toFixed(1)} (${totals.satisfactionCount})`,
    },
  ];
  return (
    <Row gutter={[12, 12]} className="summary-cards" data-testid="report-summary">
      {items.map((i) => (
        <Col key={i.key} xs={12} sm={8} lg={6} xl={4}>
          <Card size="small">
            <Statistic
              title={i.title}
              value={i.value}
              styles={i.warn ? { content: { color: '#cf1322' } } : undefined}
              data-testid={`total-${i.key}`}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

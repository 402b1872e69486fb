/** One periodic report: heading with the period, the xlsx link, totals, four charts and two tables. */
import { Alert, Button, Card, Col, Row, Space, Spin, Tag, Typography } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useI18n, useT } from '../../../i18n/i18n-context.tsx';
import { useMeta } from '../../meta/meta-context.tsx';
import { useAsync } from '../../../components/use-async.ts';
import { formatTime } from '../../../components/format.ts';
import { describeError } from '../../../components/use-error-reporter.ts';
import { BarChart } from '../../dashboard/components/bar-chart.tsx';
import { getPeriodicReport, periodicHtmlUrl, periodicXlsxUrl, type Breakdown, type PeriodicQuery } from '../api.ts';
import { useReportLabels } from '../use-report-labels.ts';
import { SummaryCards } from './summary-cards.tsx';
import { ComplianceChart } from './compliance-chart.tsx';
import { ReportItemsTable } from './report-items-table.tsx';

export function PeriodicReportView({ query }: { query: PeriodicQuery }) {
  const t = useT();
  const labels = useReportLabels();
  const { pick } = useI18n();
  const meta = useMeta();
  const packName = (id: string) => {
    const p = meta.packs.get(id);
    return p ? pick(p.nameZh, p.name) : id;
  };
  const { data: r, error, loading } = useAsync(() => getPeriodicReport(query), [query.nodeId, query.kind, query.period]);
  if (error) return <Alert type="error" title={describeError(error, t)} />;
  if (!r) return <Spin />;
  const chart = (title: string, testId: string, rows: Breakdown[], label: (b: Breakdown) => string) => (
    <Col xs={24} lg={12}>
      <Card size="small" title={title}>
        {rows.length ? (
          <BarChart testId={testId} horizontal seriesName={t('reports.count')} labels={rows.map(label)} values={rows.map((b) => b.count)} />
        ) : (
          <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>
        )}
      </Card>
    </Col>
  );
  return (
    <Spin spinning={loading}>
      <Space wrap align="center" style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="report-heading">
            {r.node.name} · {r.period.labelZh}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('reports.range', {
              start: r.period.startDate,
              end: r.period.endDate,
              // Each pack's own date (issue #15): one when they agree, each with its pack when they differ, or none.
              due:
                r.period.dueDate ??
                (r.period.dueDates?.length
                  ? r.period.dueDates.map((d) => `${d.dueDate} (${packName(d.policyId)})`).join('; ')
                  : t('reports.noDue')),
            })}{' '}
            {r.closedPeriod ? (
              <Tag>{t('reports.closedPeriod')}</Tag>
            ) : (
              <Tag color="blue">{t('reports.openPeriod', { asOf: formatTime(r.asOf) })}</Tag>
            )}
          </Typography.Text>
        </div>
        <Space wrap>
          <Button icon={<PrinterOutlined />} href={periodicHtmlUrl(query)} target="_blank" rel="noopener" data-testid="report-print">
            {t('reports.printable')}
          </Button>
          <Button type="primary" icon={<DownloadOutlined />} href={periodicXlsxUrl(query)} download data-testid="report-xlsx">
            {t('reports.downloadXlsx')}
          </Button>
        </Space>
      </Space>
      <SummaryCards totals={r.totals} />
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        {chart(t('reports.byChannel'), 'chart-by-channel', r.byChannel, (b) => labels.channel(b.key, b.labelZh))}
        {chart(t('reports.byLevel'), 'chart-by-level', r.byLevel, (b) => labels.level(b.key, b.labelZh))}
        {chart(t('reports.byUnit'), 'chart-by-unit', r.byUnit, (b) => labels.unit(b.key, b.labelZh))}
        {r.byCause.length > 0 && chart(t('reports.byCause'), 'chart-by-cause', r.byCause, (b) => labels.cause(b.key, b.labelZh))}
        <Col xs={24} lg={12}>
          <Card size="small" title={t('reports.compliance')}>
            {r.timeLimits.length ? (
              <ComplianceChart testId="chart-compliance" rows={r.timeLimits} label={(x) => labels.clock(x.name, x.labelZh)} />
            ) : (
              <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title={t('reports.important', { n: r.important.length })}>
            <ReportItemsTable items={r.important} testId="table-important" />
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title={t('reports.hotAndMajor', { n: r.hotAndMajor.length })}>
            <ReportItemsTable items={r.hotAndMajor} testId="table-hot-major" />
          </Card>
        </Col>
      </Row>
    </Spin>
  );
}

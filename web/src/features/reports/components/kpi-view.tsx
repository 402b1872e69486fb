/** Quarterly KPIs (R-RS-4, R-RS-3): specialists ranked by closure rate, timeliness score and satisfaction; fuel-station penalties. */
import { Alert, Card, Col, Row, Spin, Statistic, Table, Typography } from 'antd';
import { useT } from '../../../i18n/i18n-context.tsx';
import { useAsync } from '../../../components/use-async.ts';
import { describeError } from '../../../components/use-error-reporter.ts';
import { getKpi, percent, type Kpi } from '../api.ts';

export const quarterOf = (date: string) => `${date.slice(0, 4)}Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;

const cell = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

export function KpiView({ nodeId, quarter }: { nodeId: string; quarter: string }) {
  const t = useT();
  const { data: k, error, loading } = useAsync(() => getKpi(nodeId, quarter), [nodeId, quarter]);
  if (error) return <Alert type="error" title={describeError(error, t)} />;
  if (!k) return <Spin />;
  const table = <R extends { userId?: string; rank?: number | null }>(
    title: string,
    testId: string,
    rows: R[],
    columns: { title: string; render: (r: R) => string | number }[],
  ) => (
    <Col xs={24} lg={12}>
      <Card size="small" title={title}>
        <Table<R>
          data-testid={testId}
          size="small"
          rowKey={(r) => String(r.userId ?? JSON.stringify(r))}
          pagination={false}
          dataSource={rows}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('common.empty') }}
          columns={columns.map((c, i) => ({ key: i, title: c.title, render: (_: unknown, r: R) => c.render(r) }))}
        />
      </Card>
    </Col>
  );
  const stations = k.fuelStations;
  const stationKeys = stations.length ? Object.keys(stations[0]!) : [];
  return (
    <Spin spinning={loading}>
      <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="kpi-heading">
        {k.node.name} · {k.quarter.labelZh}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {table<Kpi['closureRanking'][number]>(t('kpi.closure'), 'kpi-closure', k.closureRanking, [
          { title: t('kpi.rank'), render: (r) => r.rank ?? '' },
          { title: t('kpi.name'), render: (r) => r.name },
          { title: t('kpi.validReceived'), render: (r) => r.validReceived },
          { title: t('kpi.validClosed'), render: (r) => r.validClosed },
          { title: t('kpi.closureRate'), render: (r) => percent(r.closureRate) },
        ])}
        {table<Kpi['timelinessRanking'][number]>(
          `${t('kpi.timeliness')} · ${t(k.rules.timeliness.fullScoreAssumed ? 'kpi.fullScoreAssumed' : 'kpi.fullScore', { score: k.rules.timeliness.fullScore })}`,
          'kpi-timeliness',
          k.timelinessRanking,
          [
            { title: t('kpi.rank'), render: (r) => r.rank ?? '' },
            { title: t('kpi.name'), render: (r) => r.name },
            { title: t('kpi.score'), render: (r) => r.score },
            { title: t('kpi.months'), render: (r) => r.months.map((m) => `${m.month} → ${m.score}`).join('；') },
          ],
        )}
        {table<Kpi['satisfactionRanking'][number]>(t('kpi.satisfaction'), 'kpi-satisfaction', k.satisfactionRanking, [
          { title: t('kpi.rank'), render: (r) => r.rank ?? '' },
          { title: t('kpi.name'), render: (r) => r.name },
          { title: t('kpi.average'), render: (r) => (r.average === null ? '—' : r.average.toFixed(2)) },
          { title: t('kpi.count'), render: (r) => r.count },
        ])}
        <Col xs={24}>
          <Card size="small" title={t('kpi.hotline')} data-testid="kpi-hotline">
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Statistic
                  title={t('kpi.answerWithinLimit')}
                  value={percent(k.hotline.answerWithinLimit.rate)}
                  suffix={`${k.hotline.answerWithinLimit.onTime} / ${k.hotline.answerWithinLimit.decided}`}
                />
              </Col>
              <Col xs={24} md={8}>
                <Statistic
                  title={t('kpi.averageHandlingHours')}
                  value={k.hotline.averageHandlingHours.hours ?? '—'}
                  suffix={`(${k.hotline.averageHandlingHours.closed})`}
                />
              </Col>
              <Col xs={24} md={8}>
                <Statistic
                  title={t('kpi.firstContactResolution')}
                  value={percent(k.hotline.firstContactResolution.rate)}
                  suffix={`${k.hotline.firstContactResolution.firstContact} / ${k.hotline.firstContactResolution.validClosed}`}
                />
              </Col>
            </Row>
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              {t('kpi.hotlineDefinitions')}
            </Typography.Paragraph>
          </Card>
        </Col>
        {stations.length > 0 &&
          table<Record<string, unknown>>(
            t('kpi.fuel'),
            'kpi-fuel',
            stations,
            stationKeys.map((key) => ({ title: key, render: (r) => cell(r[key]) })),
          )}
      </Row>
    </Spin>
  );
}

import { useMemo } from 'react';
import { Alert, Card, Col, Row, Spin, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { STATUSES } from '../api/types.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useAsync } from '../components/use-async.ts';
import { describeError } from '../components/use-error-reporter.ts';
import { useMeta } from '../features/meta/meta-context.tsx';
import { useLabels } from '../features/meta/use-labels.ts';
import { filtersToSearch, type QueueFilters } from '../features/queue/api.ts';
import { getDashboard } from '../features/dashboard/api.ts';
import { BarChart } from '../features/dashboard/components/bar-chart.tsx';

const OPEN = STATUSES.filter((s) => s !== 'closed');

export default function DashboardPage() {
  const { t, pick } = useI18n();
  const meta = useMeta();
  const labels = useLabels();
  const navigate = useNavigate();
  const { data, error } = useAsync(getDashboard, []);
  const toQueue = (f: Partial<QueueFilters>) => navigate(`/?${filtersToSearch({ sort: 'due', ...f }).toString()}`);

  // Level ids are per pack and some repeat ('general'); name each with every pack's wording of it.
  const levelName = useMemo(() => {
    return (id: string | null) => {
      if (!id) return t('common.none');
      const names = new Set<string>();
      for (const p of meta.packs.values()) {
        const l = p.severity.levels.find((x) => x.id === id);
        if (l) names.add(pick(l.nameZh, l.name));
      }
      return names.size ? [...names].join(' / ') : id;
    };
  }, [meta.packs, pick, t]);

  // 30 days including days without intake, so the line does not skip gaps.
  const days = useMemo(() => {
    const counts = new Map((data?.intakePerDay ?? []).map((d) => [d.day, d.count]));
    return Array.from({ length: 30 }, (_, i) =>
      dayjs()
        .subtract(29 - i, 'day')
        .format('YYYY-MM-DD'),
    ).map((day) => ({ day, count: counts.get(day) ?? 0 }));
  }, [data]);

  if (error) return <Alert type="error" title={describeError(error, t)} />;
  if (!data) return <Spin />;
  const categories = [...data.byCategory].sort((a, b) => b.count - a.count);
  const openByLevel = [...data.openByLevel].sort((a, b) => b.count - a.count);
  return (
    <>
      <Typography.Title level={3} className="page-title">
        {t('dashboard.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('dashboard.clickHint')}
        {' · '}
        <span data-testid="dashboard-as-of">{t('dashboard.asOf', { time: dayjs(data.asOf).format('HH:mm:ss') })}</span>
      </Typography.Paragraph>
      {data.unaddressedPositions.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="dashboard-unaddressed"
          title={t('dashboard.unaddressed')}
          description={
            <>
              <Typography.Paragraph>{t('dashboard.unaddressedHint')}</Typography.Paragraph>
              <Table
                size="small"
                rowKey={(r) => `${r.positionId}|${r.orgNodeId}`}
                pagination={false}
                dataSource={data.unaddressedPositions}
                columns={[
                  {
                    title: t('dashboard.unaddressedPosition'),
                    key: 'position',
                    render: (_, r) => `${pick(r.positionNameZh, r.positionName)}（${r.positionId}）`,
                  },
                  {
                    title: t('dashboard.unaddressedNode'),
                    key: 'node',
                    render: (_, r) => r.orgNodeName ?? r.orgNodeId ?? t('common.none'),
                  },
                  { title: t('dashboard.unaddressedCount'), dataIndex: 'count', align: 'right', width: 140 },
                  {
                    title: t('dashboard.unaddressedLast'),
                    dataIndex: 'lastAt',
                    width: 170,
                    render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
                  },
                ]}
              />
            </>
          }
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('dashboard.openByLevel')}>
            <BarChart
              testId="chart-open-by-level"
              seriesName={t('dashboard.count')}
              horizontal
              labels={openByLevel.map((r) => levelName(r.level))}
              values={openByLevel.map((r) => r.count)}
              onPick={(i) => {
                const level = openByLevel[i]?.level;
                if (level) toQueue({ level: [level], status: OPEN });
              }}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('dashboard.overdueByUnit')}>
            {data.overdueByUnit.length ? (
              <BarChart
                testId="chart-overdue-by-unit"
                seriesName={t('dashboard.count')}
                color="#cf1322"
                horizontal
                labels={data.overdueByUnit.map((r) => r.unitName)}
                values={data.overdueByUnit.map((r) => r.count)}
                onPick={(i) => toQueue({ unitId: [data.overdueByUnit[i].unitId], overdue: true })}
              />
            ) : (
              <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('dashboard.intakePerDay')}>
            <BarChart
              testId="chart-intake"
              seriesName={t('dashboard.count')}
              labels={days.map((d) => d.day.slice(5))}
              values={days.map((d) => d.count)}
              onPick={(i) => {
                const start = dayjs(days[i].day);
                toQueue({ receivedFrom: start.toISOString(), receivedTo: start.add(1, 'day').toISOString(), sort: 'received' });
              }}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('dashboard.byCategory')}>
            <BarChart
              testId="chart-by-category"
              seriesName={t('dashboard.count')}
              horizontal
              labels={categories.map((r) => (r.categoryId ? labels.category(r.categoryId) : t('dashboard.uncategorised')))}
              values={categories.map((r) => r.count)}
              onPick={(i) => {
                const id = categories[i]?.categoryId;
                if (id) toQueue({ categoryId: id, sort: 'received' });
              }}
            />
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title={t('dashboard.satisfaction')}>
            <BarChart
              testId="chart-satisfaction"
              seriesName={t('dashboard.avg')}
              line
              max={5}
              color="#389e0d"
              labels={data.satisfaction.map((r) => r.week)}
              values={data.satisfaction.map((r) => r.avg)}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}

/** Time-limit compliance per clock: met on time, breached and pending stacked, the rate in the tooltip. */
import ReactECharts from 'echarts-for-react';
import { useT } from '../../../i18n/i18n-context.tsx';
import { percent, type TimeLimit } from '../api.ts';

export function ComplianceChart({ rows, label, testId }: { rows: TimeLimit[]; label: (r: TimeLimit) => string; testId?: string }) {
  const t = useT();
  const labels = rows.map(label);
  const stack = (name: string, color: string, pick: (r: TimeLimit) => number) => ({
    name,
    type: 'bar' as const,
    stack: 'all',
    data: rows.map(pick),
    itemStyle: { color },
  });
  const option = {
    grid: { left: 130, right: 16, top: 36, bottom: 24 },
    legend: { top: 0 },
    tooltip: {
      trigger: 'axis' as const,
      formatter: (params: { dataIndex: number }[]) => {
        const r = rows[params[0]?.dataIndex ?? 0];
        if (!r) return '';
        return `${label(r)}<br/>${t('reports.metOnTime')}: ${r.metOnTime}<br/>${t('reports.breached')}: ${r.breached}<br/>${t('reports.pending')}: ${r.pending}<br/>${t('reports.compliance')}: ${percent(r.complianceRate)}`;
      },
    },
    xAxis: { type: 'value' as const, minInterval: 1 },
    yAxis: { type: 'category' as const, data: labels, inverse: true, axisLabel: { width: 120, overflow: 'truncate' as const } },
    series: [
      stack(t('reports.metOnTime'), '#52c41a', (r) => r.metOnTime),
      stack(t('reports.breached'), '#f5222d', (r) => r.breached),
      stack(t('reports.pending'), '#bfbfbf', (r) => r.pending),
    ],
  };
  return (
    <div data-testid={testId}>
      <ReactECharts option={option} notMerge style={{ height: Math.max(200, rows.length * 30 + 72) }} />
    </div>
  );
}

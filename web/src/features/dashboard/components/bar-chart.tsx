import ReactECharts from 'echarts-for-react';

interface Props {
  labels: string[];
  values: number[];
  seriesName: string;
  horizontal?: boolean;
  line?: boolean;
  color?: string;
  /** Index of the clicked bar; charts without it are not clickable. */
  onPick?: (index: number) => void;
  testId?: string;
  /** Fixed top of the value axis (a 1–5 score), instead of fitting the data. */
  max?: number;
}

/** One bar or line series with category labels: every chart of the dashboard is one of these. */
export function BarChart({ labels, values, seriesName, horizontal, line, color, onPick, testId, max }: Props) {
  const category = {
    type: 'category' as const,
    data: labels,
    axisLabel: { interval: horizontal ? 0 : 'auto', width: 120, overflow: 'truncate' as const },
  };
  const value = { type: 'value' as const, minInterval: 1, min: 0, max };
  const option = {
    grid: { left: horizontal ? 130 : 40, right: 16, top: 16, bottom: 32, containLabel: false },
    tooltip: { trigger: 'axis' as const },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? { ...category, inverse: true } : value,
    series: [
      {
        name: seriesName,
        type: line ? ('line' as const) : ('bar' as const),
        data: values,
        itemStyle: color ? { color } : undefined,
        cursor: onPick ? 'pointer' : 'default',
        smooth: line,
      },
    ],
  };
  return (
    <div data-testid={testId}>
      <ReactECharts
        option={option}
        style={{ height: Math.max(240, horizontal ? labels.length * 26 + 48 : 240) }}
        notMerge
        onEvents={onPick ? { click: (p: { dataIndex: number }) => onPick(p.dataIndex) } : undefined}
      />
    </div>
  );
}

/** The report's important and hot / major complaints: code (links to the complaint), level, status, account. */
import { Table } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../../i18n/i18n-context.tsx';
import { formatTime } from '../../../components/format.ts';
import type { ReportItem } from '../api.ts';
import { useReportLabels } from '../use-report-labels.ts';

export function ReportItemsTable({ items, testId }: { items: ReportItem[]; testId: string }) {
  const t = useT();
  const labels = useReportLabels();
  return (
    <Table<ReportItem>
      data-testid={testId}
      size="small"
      rowKey="id"
      dataSource={items}
      pagination={items.length > 10 ? { pageSize: 10, size: 'small' } : false}
      scroll={{ x: 1150 }}
      locale={{ emptyText: t('common.empty') }}
      columns={[
        {
          title: t('reports.code'),
          dataIndex: 'code',
          width: 160,
          render: (code: string, r) => <Link to={`/complaints/${r.id}`}>{code}</Link>,
        },
        { title: t('reports.itemTitle'), dataIndex: 'title', width: 200 },
        { title: t('reports.unit'), dataIndex: 'unitName', width: 130, render: (n: string, r) => labels.unit(r.unitId, n) },
        { title: t('reports.level'), dataIndex: 'level', width: 100, render: (l: string, r) => labels.level(l, r.levelZh) },
        { title: t('reports.status'), dataIndex: 'status', width: 100, render: (s: string, r) => labels.status(s, r.statusZh) },
        { title: t('reports.receivedAt'), dataIndex: 'receivedAt', width: 140, render: (v: string) => formatTime(v) },
        { title: t('reports.account'), dataIndex: 'accountZh', width: 320 },
      ]}
    />
  );
}

import type { HTMLAttributes } from 'react';
import { Checkbox, Grid, List, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import type { ComplaintSummary } from '../../../api/types.ts';
import { useT } from '../../../i18n/i18n-context.tsx';
import { useLabels } from '../../meta/use-labels.ts';
import { CountdownBadge } from '../../../components/countdown-badge.tsx';
import { LevelTag, StatusTag } from '../../../components/tags.tsx';
import { formatTime } from '../../../components/format.ts';

interface Props {
  items: ComplaintSummary[];
  loading: boolean;
  selectedIds: string[];
  onSelect: (ids: string[]) => void;
}

/** The running clock whose due instant is the row's nextDueAt gives the span for the amber threshold. */
function NextDue({ row }: { row: ComplaintSummary }) {
  const t = useT();
  if (!row.nextDueAt) return <Typography.Text type="secondary">{t('queue.noDue')}</Typography.Text>;
  const clock = row.clocks.find((c) => c.dueAt === row.nextDueAt && c.state !== 'met') ?? row.clocks.find((c) => c.dueAt === row.nextDueAt);
  return <CountdownBadge dueAt={row.nextDueAt} startedAt={clock?.startedAt} paused={clock?.state === 'paused'} />;
}

/** On a phone a table of nine columns hides the countdown off-screen; each complaint becomes a card. */
function QueueCards({ items, loading, selectedIds, onSelect }: Props) {
  const labels = useLabels();
  const toggle = (id: string, on: boolean) => onSelect(on ? [...selectedIds, id] : selectedIds.filter((x) => x !== id));
  return (
    <List
      loading={loading}
      dataSource={items}
      data-testid="queue-table"
      className="queue-cards"
      renderItem={(row) => (
        <List.Item key={row.id} data-row={row.id}>
          <div style={{ width: '100%' }}>
            <Space size={6} wrap>
              <Checkbox checked={selectedIds.includes(row.id)} onChange={(e) => toggle(row.id, e.target.checked)} aria-label={row.code} />
              <Link to={`/complaints/${row.id}`}>{row.code}</Link>
              <StatusTag status={row.status} />
              <LevelTag policyId={row.policyId} level={row.level} rule={row.levelRule} />
            </Space>
            <div style={{ margin: '4px 0' }}>{row.title}</div>
            <Space size={6} wrap>
              <NextDue row={row} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {row.unitName} · {labels.channel(row.channel)} · {formatTime(row.receivedAt)}
              </Typography.Text>
            </Space>
          </div>
        </List.Item>
      )}
    />
  );
}

export function QueueTable(props: Props) {
  const screens = Grid.useBreakpoint();
  // useBreakpoint answers {} before its first measurement; treat that as wide.
  return screens.md === false ? <QueueCards {...props} /> : <WideTable {...props} />;
}

function WideTable({ items, loading, selectedIds, onSelect }: Props) {
  const t = useT();
  const labels = useLabels();
  const columns: ColumnsType<ComplaintSummary> = [
    {
      title: t('field.code'),
      dataIndex: 'code',
      width: 170,
      render: (code: string, row) => <Link to={`/complaints/${row.id}`}>{code}</Link>,
    },
    {
      title: t('field.title'),
      dataIndex: 'title',
      ellipsis: true,
      render: (title: string, row) => (
        <Space size={4} wrap>
          <span>{title}</span>
          {row.repeatCount > 0 && <Tag color="red">{t('queue.repeat', { n: row.repeatCount })}</Tag>}
          {(row.similarCount ?? 0) > 1 && <Tag>{t('queue.similar', { n: row.similarCount ?? 0 })}</Tag>}
        </Space>
      ),
    },
    { title: t('field.unit'), dataIndex: 'unitName', width: 150, ellipsis: true },
    { title: t('field.status'), dataIndex: 'status', width: 140, render: (s: ComplaintSummary['status']) => <StatusTag status={s} /> },
    {
      title: t('field.level'),
      dataIndex: 'level',
      width: 150,
      render: (_: unknown, row) => <LevelTag policyId={row.policyId} level={row.level} rule={row.levelRule} />,
    },
    { title: t('field.channel'), dataIndex: 'channel', width: 100, render: (c: string) => labels.channel(c) },
    { title: t('field.customer'), width: 140, render: (_: unknown, row) => `${row.customer.name} ${row.customer.phone ?? ''}` },
    { title: t('field.receivedAt'), dataIndex: 'receivedAt', width: 140, render: (v: string) => formatTime(v) },
    { title: t('field.nextDue'), dataIndex: 'nextDueAt', width: 170, render: (_: unknown, row) => <NextDue row={row} /> },
  ];
  return (
    <Table<ComplaintSummary>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={false}
      scroll={{ x: 1320 }}
      rowSelection={{ selectedRowKeys: selectedIds, onChange: (keys) => onSelect(keys as string[]) }}
      onRow={(row) => ({ 'data-row': row.id }) as HTMLAttributes<HTMLElement>}
      data-testid="queue-table"
    />
  );
}

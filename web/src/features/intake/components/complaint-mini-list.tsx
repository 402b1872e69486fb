import { List, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { ComplaintSummary } from '../../../api/types.ts';
import { StatusTag } from '../../../components/tags.tsx';
import { formatTime } from '../../../components/format.ts';

/** Compact list of complaints (customer history, similar open complaints) linking to each record. */
export function ComplaintMiniList({ items, empty, testId }: { items: ComplaintSummary[]; empty: string; testId?: string }) {
  if (!items.length) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  return (
    <List
      size="small"
      data-testid={testId}
      dataSource={items}
      renderItem={(c) => (
        <List.Item key={c.id}>
          <div style={{ minWidth: 0 }}>
            <Link to={`/complaints/${c.id}`} target="_blank">
              {c.code}
            </Link>{' '}
            <StatusTag status={c.status} />
            <div>{c.title}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.unitName} · {formatTime(c.receivedAt)}
            </Typography.Text>
          </div>
        </List.Item>
      )}
    />
  );
}

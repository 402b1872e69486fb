import { List, Tag, Typography } from 'antd';
import { useT } from '../../i18n/i18n-context.tsx';
import { complaintCustomerMessages } from './api.ts';
import { useComplaintList } from './use-complaint-list.ts';

const STATE_COLOR = { pending: 'blue', sent: 'green', failed: 'red' } as const;

/** Issue #14 item 5: the complaint page's "客户消息": the receipt, the reply and the invitation sent to the customer, and their state. */
export function CustomerMessagesCard({ complaintId, version }: { complaintId: string; version: number | string }) {
  const t = useT();
  const items = useComplaintList(complaintCustomerMessages, complaintId, version);
  const time = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  return (
    <List
      size="small"
      data-testid="customer-messages"
      loading={items === null}
      dataSource={items ?? []}
      locale={{ emptyText: t('customerMessages.none') }}
      renderItem={(m) => (
        <List.Item>
          <div style={{ width: '100%' }}>
            <Typography.Text strong>{t(`customerMessages.kind.${m.message}`)}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              {time(m.createdAt)}
            </Typography.Text>
            <div style={{ marginTop: 4 }}>
              <Tag color={STATE_COLOR[m.state]} title={m.lastError ?? undefined}>
                {t(`channels.kind.${m.transport}`)} · {m.recipient} · {t(`delivery.state.${m.state}`)}
                {m.attempts > 1 ? ` (${m.attempts})` : ''}
              </Tag>
            </div>
          </div>
        </List.Item>
      )}
    />
  );
}

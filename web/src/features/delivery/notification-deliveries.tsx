import { List, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { complaintNotifications } from './api.ts';
import { useComplaintList } from './use-complaint-list.ts';

const STATE_COLOR = { pending: 'blue', sent: 'green', failed: 'red' } as const;

/** Issue #14: the complaint page's "通知与送达": each notification and the state of each of its messages. */
export function NotificationDeliveriesCard({ complaintId, version }: { complaintId: string; version: number | string }) {
  const { t, pick } = useI18n();
  const items = useComplaintList(complaintNotifications, complaintId, version);
  const time = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  return (
    <List
      size="small"
      data-testid="notification-deliveries"
      loading={items === null}
      dataSource={items ?? []}
      locale={{ emptyText: t('delivery.none') }}
      renderItem={(n) => (
        <List.Item>
          <div style={{ width: '100%' }}>
            <Typography.Text strong>{pick(n.subjectZh, n.subject)}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              {t('delivery.due')} {time(n.dueAt)}
            </Typography.Text>
            <div style={{ marginTop: 4 }}>
              {n.deliveries.length === 0 && <Typography.Text type="secondary">{t('delivery.noDeliveries')}</Typography.Text>}
              {n.deliveries.map((d) => (
                <Tag key={d.id} color={STATE_COLOR[d.state]} title={d.lastError ?? undefined}>
                  {t(`channels.kind.${d.transport}`)} · {d.recipient} · {t(`delivery.state.${d.state}`)}
                  {d.attempts > 1 ? ` (${d.attempts})` : ''}
                </Tag>
              ))}
            </div>
          </div>
        </List.Item>
      )}
    />
  );
}

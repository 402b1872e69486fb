import { useCallback, useEffect, useState } from 'react';
import { App as AntApp, Button, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../i18n/i18n-context.tsx';
import { useErrorReporter } from '../components/use-error-reporter.ts';
import { listOutbox, retryOutbox, type OutboxMessage } from '../features/delivery/api.ts';

/** Issue #14: messages that failed after their last attempt, with the reason and a retry. */
export default function OutboxPage() {
  const t = useT();
  const report = useErrorReporter();
  const { message } = AntApp.useApp();
  const [items, setItems] = useState<OutboxMessage[]>([]);
  const [loading, setLoading] = useState(true);
  const load = useCallback(async () => {
    setLoading(true);
    try {
      setItems(await listOutbox('failed'));
    } catch (err) {
      report(err);
    } finally {
      setLoading(false);
    }
  }, [report]);
  useEffect(() => void load(), [load]);
  const time = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  return (
    <>
      <Typography.Title level={3} className="page-title">
        {t('outbox.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('outbox.intro')}</Typography.Paragraph>
      <Table<OutboxMessage>
        data-testid="outbox-table"
        rowKey="id"
        size="small"
        loading={loading}
        pagination={false}
        scroll={{ x: 1000 }}
        dataSource={items}
        columns={[
          { title: t('outbox.at'), dataIndex: 'createdAt', width: 170, render: (v: string) => time(v) },
          {
            title: t('outbox.complaint'),
            key: 'complaint',
            width: 170,
            render: (_, r) => (r.complaintId ? <Link to={`/complaints/${r.complaintId}`}>{r.complaintCode}</Link> : '—'),
          },
          {
            title: t('outbox.channel'),
            key: 'channel',
            width: 140,
            render: (_, r) => `${t(`channels.kind.${r.transport}`)}${r.channelName ? ` · ${r.channelName}` : ''}`,
          },
          { title: t('outbox.recipient'), dataIndex: 'recipient', width: 160 },
          { title: t('outbox.subject'), dataIndex: 'subject', ellipsis: true },
          { title: t('outbox.attempts'), dataIndex: 'attempts', width: 80, align: 'right' },
          {
            title: t('outbox.reason'),
            dataIndex: 'lastError',
            render: (v: string | null) => <Typography.Text type="danger">{v}</Typography.Text>,
          },
          {
            title: '',
            key: 'retry',
            width: 80,
            render: (_, r) => (
              <Button
                size="small"
                onClick={() =>
                  void retryOutbox(r.id).then(() => {
                    message.success(t('outbox.retried'));
                    load();
                  }, report)
                }
              >
                {t('outbox.retry')}
              </Button>
            ),
          },
        ]}
      />
    </>
  );
}

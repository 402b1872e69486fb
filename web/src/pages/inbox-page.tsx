/**
 * The inbox (issue #14): the caller's own notifications, unread first, then newest; a filter by kind,
 * mark one read, mark all read, and each entry links to its complaint. An entry marked unaddressed came
 * to an administrator because nobody held the position: it says so, and what to do about it.
 */
import { useCallback, useEffect, useState } from 'react';
import { App, Badge, Button, List, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useErrorReporter } from '../components/use-error-reporter.ts';
import { INBOX_KINDS, listInbox, markAllRead, markRead, type InboxItem } from '../features/inbox/api.ts';

type Kind = (typeof INBOX_KINDS)[number];

export default function InboxPage() {
  const { t, pick } = useI18n();
  const report = useErrorReporter();
  const { message } = App.useApp();
  const [kind, setKind] = useState<Kind | null>(null);
  const [items, setItems] = useState<InboxItem[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  const load = useCallback(
    async (cursor: string | null, quiet = false) => {
      if (!quiet) setLoading(true);
      try {
        const page = await listInbox(kind, cursor);
        setItems((prev) => (cursor ? [...prev, ...page.items] : page.items));
        setNext(page.nextCursor);
      } catch (err) {
        report(err);
      } finally {
        setLoading(false);
      }
    },
    [kind, report],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  // New notifications seen by the bell (or read in another tab) show here without a reload.
  useEffect(() => {
    // Quietly: the list is refreshed in place, without the loading veil.
    const onChange = () => void load(null, true);
    window.addEventListener('focus', onChange);
    return () => window.removeEventListener('focus', onChange);
  }, [load]);

  const onRead = async (item: InboxItem) => {
    try {
      await markRead(item.id);
      const now = new Date().toISOString();
      setItems((prev) => prev.map((n) => (n.id === item.id ? { ...n, readAt: n.readAt ?? now } : n)));
    } catch (err) {
      report(err);
    }
  };
  const onReadAll = async () => {
    try {
      const marked = await markAllRead(kind);
      void message.success(t('inbox.markedAll', { count: marked }));
      await load(null);
    } catch (err) {
      report(err);
    }
  };

  const kindLabel = (k: string) => ((INBOX_KINDS as readonly string[]).includes(k) ? t(`inbox.kind.${k as Kind}`) : k);
  const time = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  const unread = items.filter((n) => !n.readAt).length;

  return (
    <>
      <Typography.Title level={3} className="page-title">
        {t('inbox.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('inbox.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<Kind | 'all'>
          data-testid="inbox-kind"
          aria-label={t('inbox.kind')}
          style={{ minWidth: 160 }}
          value={kind ?? 'all'}
          onChange={(v) => setKind(v === 'all' ? null : v)}
          options={[{ value: 'all' as const, label: t('inbox.allKinds') }, ...INBOX_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))]}
        />
        <Button onClick={() => void onReadAll()} disabled={unread === 0} data-testid="inbox-read-all">
          {t('inbox.markAllRead')}
        </Button>
        {unread > 0 && <Typography.Text type="secondary">{t('inbox.unreadOnlyCount', { count: unread })}</Typography.Text>}
      </Space>
      <List<InboxItem>
        data-testid="inbox-list"
        bordered
        loading={loading}
        dataSource={items}
        locale={{ emptyText: t('inbox.empty') }}
        loadMore={
          next ? (
            <div style={{ textAlign: 'center', margin: 12 }}>
              <Button onClick={() => void load(next)}>{t('inbox.more')}</Button>
            </div>
          ) : null
        }
        renderItem={(n) => (
          <List.Item
            data-testid="inbox-item"
            data-read={n.readAt ? 'true' : 'false'}
            className={n.readAt ? 'inbox-item inbox-item-read' : 'inbox-item inbox-item-unread'}
            actions={[
              n.complaintId ? (
                <Link key="open" to={`/complaints/${n.complaintId}`} onClick={() => void (n.readAt ? undefined : onRead(n))}>
                  {t('inbox.open')}
                </Link>
              ) : null,
              n.readAt ? (
                <Typography.Text key="read" type="secondary">
                  {t('inbox.read')}
                </Typography.Text>
              ) : (
                <Button key="read" size="small" onClick={() => void onRead(n)} data-testid="inbox-mark-read">
                  {t('inbox.markRead')}
                </Button>
              ),
            ].filter(Boolean)}
          >
            <List.Item.Meta
              avatar={<Badge status={n.readAt ? 'default' : 'processing'} />}
              title={
                <Space wrap size={4}>
                  <Tag color="blue">{kindLabel(n.kind)}</Tag>
                  {n.complaintId ? (
                    <Link to={`/complaints/${n.complaintId}`}>{pick(n.subjectZh, n.subject)}</Link>
                  ) : (
                    <span>{pick(n.subjectZh, n.subject)}</span>
                  )}
                  {n.unaddressed && (
                    <Tooltip title={t('inbox.unaddressedHint')}>
                      <Tag color="orange" data-testid="inbox-unaddressed">
                        {t('inbox.unaddressed')}
                      </Tag>
                    </Tooltip>
                  )}
                </Space>
              }
              description={
                <Space wrap size={12}>
                  <span>{t('inbox.position', { name: pick(n.positionNameZh, n.positionName) })}</span>
                  <span>{t('inbox.due', { time: time(n.dueAt) })}</span>
                  <span>{time(n.createdAt)}</span>
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </>
  );
}

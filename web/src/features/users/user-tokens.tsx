/**
 * Issue #16 item 3: another user's live API tokens, for their account manager: seen and revoked here,
 * created only by their owner (POST /api/auth/tokens), never shown.
 */
import { useCallback, useEffect, useState } from 'react';
import { App as AntApp, Button, Modal, Popconfirm, Table, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useErrorReporter } from '../../components/use-error-reporter.ts';
import { formatTime } from '../../components/format.ts';
import { listUserTokens, revokeUserToken, type UserAccount, type UserToken } from './api.ts';

export function UserTokens({ user, onClose }: { user: UserAccount | null; onClose: () => void }) {
  const { t } = useI18n();
  const report = useErrorReporter();
  const { message } = AntApp.useApp();
  const [items, setItems] = useState<UserToken[]>([]);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    if (!user) return;
    setLoading(true);
    try {
      setItems(await listUserTokens(user.id));
    } catch (err) {
      report(err);
    } finally {
      setLoading(false);
    }
  }, [user, report]);
  useEffect(() => void load(), [load]);

  const revoke = async (id: string) => {
    if (!user) return;
    try {
      await revokeUserToken(user.id, id);
      message.success(t('users.tokens.revoked'));
      await load();
    } catch (err) {
      report(err);
    }
  };

  return (
    <Modal open={!!user} title={user ? t('users.tokens.title', { name: user.name }) : ''} onCancel={onClose} footer={null} width={760}>
      <Typography.Paragraph type="secondary">{t('users.tokens.intro')}</Typography.Paragraph>
      <Table<UserToken>
        data-testid="user-tokens"
        rowKey="id"
        size="small"
        loading={loading}
        pagination={false}
        dataSource={items}
        columns={[
          { title: t('users.tokens.name'), dataIndex: 'name' },
          { title: t('users.tokens.created'), dataIndex: 'createdAt', render: formatTime },
          {
            title: t('users.tokens.lastUsed'),
            dataIndex: 'lastUsedAt',
            render: (v: string | null) => (v ? formatTime(v) : t('users.tokens.never')),
          },
          { title: t('users.tokens.expires'), dataIndex: 'expiresAt', render: formatTime },
          {
            title: t('users.actions'),
            key: 'revoke',
            render: (_, tok) => (
              <Popconfirm title={t('users.tokens.revokeConfirm')} onConfirm={() => revoke(tok.id)}>
                <Button size="small" danger>
                  {t('users.tokens.revoke')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Modal>
  );
}

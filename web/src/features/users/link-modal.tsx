/** Issue #16 item 3: the one-time link just made (invitation or reset), shown once with a copy button. */
import { Alert, Input, Modal, Space, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { CopyButton } from '../../components/copy-button.tsx';
import { formatTime } from '../../components/format.ts';
import type { AccountLink } from './api.ts';

export function LinkModal({ link, onClose }: { link: AccountLink | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      open={!!link}
      title={link ? t(link.purpose === 'invite' ? 'users.link.invite' : 'users.link.reset') : ''}
      onCancel={onClose}
      onOk={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      width={640}
    >
      {link && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph>{t('users.link.intro', { time: formatTime(link.expiresAt) })}</Typography.Paragraph>
          <Space.Compact style={{ width: '100%' }}>
            <Input readOnly value={link.url} data-testid="account-link" onFocus={(e) => e.target.select()} />
            <CopyButton text={link.url} />
          </Space.Compact>
          <Alert type="warning" showIcon title={t('users.link.warning')} />
        </Space>
      )}
    </Modal>
  );
}

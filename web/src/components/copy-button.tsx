import { App, Button } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { useT } from '../i18n/i18n-context.tsx';
import { copyText } from './copy-text.ts';

/** Copies `text` and says so in a toast. */
export function CopyButton({ text, label }: { text: string; label?: string }) {
  const t = useT();
  const { message } = App.useApp();
  const copy = async () => {
    try {
      await copyText(text);
      message.success(t('common.copied'));
    } catch {
      message.error(t('common.copyFailed'));
    }
  };
  return (
    <Button icon={<CopyOutlined />} onClick={() => void copy()} aria-label={label ? `${t('common.copy')} ${label}` : t('common.copy')}>
      {t('common.copy')}
    </Button>
  );
}

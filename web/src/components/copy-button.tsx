import { App, Button } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { useT } from '../i18n/i18n-context.tsx';

/** Copies `text`; the Clipboard API needs a secure context, so plain http falls back to execCommand. */
export function CopyButton({ text, label }: { text: string; label?: string }) {
  const t = useT();
  const { message } = App.useApp();
  const copy = async () => {
    try {
      if (navigator.clipboard && window.isSecureContext) await navigator.clipboard.writeText(text);
      else {
        const area = document.createElement('textarea');
        area.value = text;
        document.body.appendChild(area);
        area.select();
        const ok = document.execCommand('copy');
        area.remove();
        if (!ok) throw new Error('copy failed');
      }
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

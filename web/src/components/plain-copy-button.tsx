/**
 * The copy button of the pages that load no Ant Design (#20): what it did is said on the button itself for a
 * moment (and a failure under it), where the console's CopyButton shows a toast.
 */
import { useEffect, useState } from 'react';
import { useT } from '../i18n/i18n-context.tsx';
import { copyText } from './copy-text.ts';

export function PlainCopyButton({ text, label }: { text: string; label: string }) {
  const t = useT();
  const [outcome, setOutcome] = useState<'copied' | 'failed' | null>(null);
  useEffect(() => {
    if (!outcome) return;
    const timer = setTimeout(() => setOutcome(null), 2500);
    return () => clearTimeout(timer);
  }, [outcome]);
  const copy = async () => {
    try {
      await copyText(text);
      setOutcome('copied');
    } catch {
      setOutcome('failed');
    }
  };
  return (
    <>
      <button
        type="button"
        className="plain-button"
        aria-live="polite"
        onClick={() => void copy()}
        aria-label={`${t('common.copy')} ${label}`}
      >
        {outcome === 'copied' ? t('common.copied') : t('common.copy')}
      </button>
      {outcome === 'failed' && (
        <span className="plain-problem" role="alert">
          {t('common.copyFailed')}
        </span>
      )}
    </>
  );
}

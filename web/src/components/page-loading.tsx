/**
 * A lazy page loads in a moment; a small spinner in its place avoids a dark full-screen flash. Drawn by
 * styles.css, not Ant Design's Spin: it is also what the console shows before its first screen, and that must
 * not wait for Ant Design (#20). `fullscreen` centres it in the window (while the session is being checked).
 */
import { useT } from '../i18n/i18n-context.tsx';

export function PageLoading({ fullscreen = false }: { fullscreen?: boolean }) {
  const t = useT();
  return (
    <div className={fullscreen ? 'page-loading page-loading-fullscreen' : 'page-loading'}>
      <span className="spinner" role="status" aria-label={t('common.loading')} />
    </div>
  );
}

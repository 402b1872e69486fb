/**
 * An API error in the user's words. Apart from use-error-reporter.ts (which shows it with Ant Design's toast)
 * so that the login page, which loads no Ant Design (#20), can say it too.
 */
import { ApiError } from '../api/client.ts';
import type { TFunction } from '../i18n/i18n-context.tsx';

export function describeError(err: unknown, t: TFunction, actionLabel?: (a: string) => string): string {
  if (!(err instanceof ApiError)) return t('error.generic', { message: err instanceof Error ? err.message : String(err) });
  switch (err.status) {
    case 0:
      return t('error.network');
    case 401:
      return t('error.unauthenticated');
    case 403:
      return t('error.forbidden');
    case 404:
      return t('error.notFound', { message: err.message });
    case 409:
      if (err.allowed) return t('error.illegal', { allowed: err.allowed.map((a) => actionLabel?.(a) ?? a).join('、') });
      break;
    case 429:
      return t('error.rateLimited');
    case 503:
      return t('error.unavailable');
  }
  const base = t('error.generic', { message: err.message });
  return err.field ? `${base} — ${t('error.inField', { field: err.field, message: err.message })}` : base;
}

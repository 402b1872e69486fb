/**
 * Casework and upload errors in a sentence: the server's 403 / 409 / 413 / 415 explain *why* (the role,
 * the state, the file), so their message is shown, framed in the user's language.
 */
import { ApiError } from '../api/client.ts';
import type { TFunction } from '../i18n/i18n-context.tsx';
import { describeError } from './use-error-reporter.ts';

export function politeError(err: unknown, t: TFunction): string {
  if (err instanceof ApiError) {
    if (err.status === 403) return t('error.forbiddenWhy', { message: err.message });
    if (err.status === 409 && !err.allowed) return t('error.conflict', { message: err.message });
    if (err.status === 413 || err.status === 415) return t('error.fileRejected', { message: err.message });
    if (err.status === 400 && !err.field) return t('error.generic', { message: err.message });
  }
  return describeError(err, t);
}

/** A 404 of a casework record means "not started yet", not an error. */
export const isNotFound = (err: unknown) => err instanceof ApiError && err.status === 404;

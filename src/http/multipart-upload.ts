/** What the two file uploads (a complaint ledger, an organisation workbook) share: their size limit and error answers. */
import { DomainError } from '../domain/errors.ts';

/** A ledger of 100,000 rows is about 15 MB of CSV; twice an attachment's limit, far below what a process holds. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export function httpError(statusCode: number, code: string, message: string): Error {
  return Object.assign(new Error(message), { statusCode, code });
}

/**
 * The answer for what went wrong while reading a multipart body: a refusal of ours stands; a file over
 * the limit is 413; the parser's own 4xx stands; anything else the parser threw is a malformed body (400),
 * never a 500 for input.
 */
export function multipartFailure(e: unknown): Error {
  const err = e as { statusCode?: number; code?: string; message?: string };
  if (e instanceof DomainError) return e;
  if (err.code === 'FST_REQ_FILE_TOO_LARGE')
    return httpError(413, 'PAYLOAD_TOO_LARGE', `an import file is limited to ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return e as Error;
  return httpError(400, 'BAD_MULTIPART', `the multipart body is malformed: ${err.message ?? 'unreadable'}`);
}

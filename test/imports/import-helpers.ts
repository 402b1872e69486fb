/** Builds the multipart body of POST /api/imports as the console sends it. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestApp } from '../helpers/test-app.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CFPB_FILE = path.join(repoRoot, '..', 'shared', 'data', 'cfpb_sample_sabk18_complaints.csv');

export interface ImportForm {
  filename: string;
  bytes: Buffer;
  header?: boolean;
  mapping: Record<string, unknown>;
  defaults?: Record<string, unknown>;
}

export function importBody(form: ImportForm): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----plaintimport' + Math.random().toString(16).slice(2);
  const field = (name: string, value: string) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  const parts = [
    field('header', String(form.header ?? true)),
    field('mapping', JSON.stringify(form.mapping)),
    ...(form.defaults ? [field('defaults', JSON.stringify(form.defaults))] : []),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${form.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    form.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ];
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function postImport(t: TestApp, form: ImportForm, opts: { dryRun?: boolean; role?: string } = {}) {
  const m = importBody(form);
  return t.app.inject({
    method: 'POST',
    url: `/api/imports${opts.dryRun ? '?dryRun=true' : ''}`,
    payload: m.payload,
    headers: { ...m.headers, authorization: `Bearer ${await t.token(opts.role ?? 'manager')}` },
  });
}

/**
 * What the browser reads of a ledger before sending it: the first rows of a CSV or TSV (to offer its
 * columns), and the mapping last used for a header of the same shape (kept in localStorage).
 */
import type { ImportDefaults, ImportMapping } from './api.ts';

export const PREVIEW_ROWS = 6;
const PREVIEW_BYTES = 64 * 1024;

export type FileKind = 'csv' | 'tsv' | 'xlsx';

export function fileKind(name: string): FileKind | null {
  const ext = name.toLowerCase().split('.').pop();
  return ext === 'csv' || ext === 'tsv' || ext === 'xlsx' ? ext : null;
}

/** The first `max` records of delimited text: quoted fields (with "" and line breaks inside) as RFC 4180. */
export function parseDelimited(text: string, delimiter: string, max = PREVIEW_ROWS): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = () => {
    row.push(cell);
    cell = '';
    if (row.length > 1 || row[0] !== '') rows.push(row);
    row = [];
  };
  for (; i < text.length && rows.length < max; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === delimiter) {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      endRow();
      i++;
    } else if (c === '\n' || c === '\r') endRow();
    else cell += c;
  }
  if (rows.length < max && (cell !== '' || row.length > 0)) endRow();
  return rows;
}

/** The first rows of a CSV/TSV file (UTF-8, or GB18030 as Chinese spreadsheets often save), or null for xlsx. */
export async function previewFile(file: File): Promise<string[][] | null> {
  const kind = fileKind(file.name);
  if (kind !== 'csv' && kind !== 'tsv') return null;
  const bytes = new Uint8Array(await file.slice(0, PREVIEW_BYTES).arrayBuffer());
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Either GB18030, or a UTF-8 character cut at the preview's end: GB18030 reads the former right.
    const utf8 = new TextDecoder('utf-8').decode(bytes);
    text = /\uFFFD/.test(utf8.slice(0, -4)) ? new TextDecoder('gb18030').decode(bytes) : utf8;
  }
  return parseDelimited(text, kind === 'tsv' ? '\t' : ',');
}

const STORAGE_PREFIX = 'plaint.import.mapping:';

/** A header's shape: its names in order (with a header row), or just its width (without). */
export function headerSignature(header: boolean, firstRow: readonly string[] | undefined): string {
  if (!firstRow) return '';
  return header ? `h:${firstRow.map((c) => c.trim()).join('\u001f')}` : `n:${firstRow.length}`;
}

export interface SavedMapping {
  mapping: ImportMapping;
  defaults: ImportDefaults;
}

export function loadMapping(signature: string): SavedMapping | null {
  if (!signature) return null;
  try {
    const raw = localStorage.getItem(STORAGE_PREFIX + signature);
    const v = raw ? (JSON.parse(raw) as SavedMapping) : null;
    return v && typeof v.mapping === 'object' && typeof v.defaults === 'object' ? v : null;
  } catch {
    return null;
  }
}

export function saveMapping(signature: string, saved: SavedMapping): void {
  if (!signature) return;
  try {
    localStorage.setItem(STORAGE_PREFIX + signature, JSON.stringify(saved));
  } catch {
    // A full or disabled localStorage only loses the convenience.
  }
}

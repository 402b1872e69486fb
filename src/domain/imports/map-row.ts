/**
 * One row of a ledger → one complaint to import, or the reasons it cannot be (pure). Every problem of
 * the row is named with the column it came from, so a dry run tells the user exactly what to fix.
 */
import { CHANNELS, type Channel } from '../contracts.ts';
import type { ImportField, ResolvedMapping } from './mapping.ts';
import { isClosedStatus, normaliseEmail, normalisePhone, parseDate } from './values.ts';

/** What the import knows of a unit the caller may import into. */
export interface ImportUnit {
  id: string;
  name: string;
  timeZone: string;
  /** Category ids with the names a ledger may use for them. */
  categories: { id: string; names: string[] }[];
  levels: { id: string; names: string[] }[];
  defaultLevel: string | null;
}

export interface RowContext {
  /** Units in the caller's scope, by id and by name; a unit outside it reads as unknown. */
  units: ReadonlyMap<string, ImportUnit>;
  now: Date;
}

export interface ImportRecord {
  row: number;
  externalId: string | null;
  unitId: string;
  receivedAt: Date;
  channel: Channel;
  title: string;
  content: string;
  demands: string | null;
  customer: { name: string; phone: string | null; email: string | null };
  categoryId: string | null;
  level: string | null;
  closed: boolean;
  closedAt: Date | null;
}

export interface RowError {
  row: number;
  column: string;
  reason: string;
}

/** The intake's limits (src/http/routes/complaints.schema.ts). */
const MAX = { title: 200, content: 20000, demands: 5000, name: 100, externalId: 200 } as const;
/** As at intake: a call is logged after it ends, never before it happens (+ clock skew). */
const FUTURE_TOLERANCE_MS = 60_000;
/** Who a ledger row without a name is recorded for (customers.name is required). */
export const UNNAMED_CUSTOMER = '(未记录 / not recorded)';

const CHANNEL_WORDS: Record<string, Channel> = {
  电话: 'phone',
  热线: 'phone',
  来电: 'phone',
  邮件: 'email',
  电子邮件: 'email',
  'e-mail': 'email',
  网站: 'web',
  网络: 'web',
  网上: 'web',
  论坛: 'forum',
  来信: 'letter',
  信件: 'letter',
  信函: 'letter',
  来访: 'walk_in',
  现场: 'walk_in',
  监管: 'regulator',
  监管转办: 'regulator',
};

function parseChannel(text: string): Channel | undefined {
  const s = text.trim().toLowerCase();
  return CHANNELS.find((c) => c === s) ?? CHANNEL_WORDS[s];
}

function findNamed(list: { id: string; names: string[] }[], text: string): string | undefined {
  const s = text.trim().toLowerCase();
  return list.find((x) => x.id.toLowerCase() === s || x.names.some((n) => n.toLowerCase() === s))?.id;
}

export function mapRow(
  cells: readonly string[],
  row: number,
  m: ResolvedMapping,
  ctx: RowContext,
): { record?: ImportRecord; errors: RowError[] } {
  const errors: RowError[] = [];
  const columnOf = (f: ImportField) => m.sources[f]?.columns.map((c) => c.label).join(', ') ?? `defaults.${f}`;
  const fail = (f: ImportField, reason: string) => {
    errors.push({ row, column: columnOf(f), reason: `${f}: ${reason}` });
    return undefined;
  };
  const value = (f: ImportField): string => {
    const src = m.sources[f];
    const parts = src ? src.columns.map((c) => (cells[c.index] ?? '').trim()).filter((v) => v !== '') : [];
    const v = f === 'content' ? parts.join('\n') : (parts[0] ?? '');
    return v !== '' ? v : (m.defaults[f]?.trim() ?? '');
  };
  const text = (f: ImportField, max: number, required: boolean): string | null => {
    const v = value(f);
    if (v === '') return required ? (fail(f, 'is missing') ?? null) : null;
    if (v.length > max) return fail(f, `is longer than ${max} characters`) ?? null;
    return v;
  };

  const unitText = value('unitId');
  const unit = unitText ? ctx.units.get(unitText) : undefined;
  if (!unitText) fail('unitId', 'is missing');
  else if (!unit) fail('unitId', `unknown unit '${unitText}'`);

  const timeZone = unit?.timeZone ?? 'Asia/Shanghai';
  const date = (f: 'receivedAt' | 'closedAt'): Date | null | undefined => {
    const v = value(f);
    if (v === '') return null;
    const d = parseDate(v, timeZone);
    if (!d) return fail(f, `'${v}' is not a date (write 2024-03-05 or 2024-03-05 14:30)`);
    if (d.getTime() > ctx.now.getTime() + FUTURE_TOLERANCE_MS) return fail(f, `'${v}' is in the future`);
    return d;
  };
  const receivedAt = date('receivedAt');
  if (receivedAt === null) fail('receivedAt', 'is missing');

  const channelText = value('channel');
  const channel = channelText ? parseChannel(channelText) : undefined;
  if (!channelText) fail('channel', 'is missing');
  else if (!channel) fail('channel', `unknown channel '${channelText}' (${CHANNELS.join(', ')})`);

  const title = text('title', MAX.title, true);
  const content = text('content', MAX.content, true);
  const demands = text('demands', MAX.demands, false);
  const externalId = text('externalId', MAX.externalId, false);
  const name = text('customer.name', MAX.name, false) ?? UNNAMED_CUSTOMER;

  const phoneText = value('customer.phone');
  const phone = phoneText ? (normalisePhone(phoneText) ?? fail('customer.phone', `'${phoneText}' is not a phone number`) ?? null) : null;
  const emailText = value('customer.email');
  const email = emailText ? (normaliseEmail(emailText) ?? fail('customer.email', `'${emailText}' is not an e-mail address`) ?? null) : null;

  let categoryId: string | null = null;
  const categoryText = value('categoryId');
  if (categoryText && unit) {
    categoryId =
      findNamed(unit.categories, categoryText) ?? fail('categoryId', `unknown category '${categoryText}' for unit '${unit.id}'`) ?? null;
  }
  let level: string | null = unit?.defaultLevel ?? null;
  const levelText = value('level');
  if (levelText && unit)
    level = findNamed(unit.levels, levelText) ?? fail('level', `unknown level '${levelText}' for unit '${unit.id}'`) ?? null;

  const closed = isClosedStatus(value('status'));
  const closedAt = date('closedAt');
  if (closed && closedAt && receivedAt && closedAt.getTime() < receivedAt.getTime()) fail('closedAt', 'is before receivedAt');

  if (errors.length > 0 || !unit || !receivedAt || !channel || !title || !content) return { errors };
  return {
    errors,
    record: {
      row,
      externalId,
      unitId: unit.id,
      receivedAt,
      channel,
      title,
      content,
      demands,
      customer: { name, phone, email },
      categoryId,
      level,
      closed,
      // A closed row without a closing date is dated by its receipt: the earliest it can have closed.
      closedAt: closed ? (closedAt ?? receivedAt) : null,
    },
  };
}

/**
 * The key that makes a re-import create nothing twice: the external id within its unit when the file
 * has one (the same ledger exported again, rows moved or added, still matches), else the file's
 * content hash and the row number.
 */
export function rowKey(r: Pick<ImportRecord, 'externalId' | 'unitId' | 'row'>, fileSha256: string): string {
  return r.externalId !== null ? `ext:${r.unitId}:${r.externalId}` : `file:${fileSha256}:${r.row}`;
}

/**
 * Importing a ledger of past complaints (issue #17): read the file, map and check every row, then —
 * unless it is a dry run — write every good row in ONE transaction and list the bad ones. A bad row
 * never stops the good ones (the user fixes and re-imports only those: their keys are new); a failure
 * of the write itself (the database) writes nothing at all.
 *
 * An imported complaint keeps its received time, status (open → 'received', closed → 'closed' with its
 * closing date), level and category. It starts no clock: its deadlines ran, or did not, in the system
 * it comes from, whose pauses and extensions the file does not carry, so any clock restarted here
 * would either be already past (breached at once, notifying for the past) or wrong. An open imported
 * complaint is picked up in the queue like any received one; the clocks of the steps taken from then
 * on run as usual. No notification is sent and no similar-complaint link is raised for the past.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Deps } from '../context.ts';
import type { Actor } from '../../data/complaint-store.ts';
import { chainEvents, complaintCode, insertEventsOfMany } from '../../data/complaint-store.ts';
import {
  claimRowKeys,
  customersByPhone,
  importedKeys,
  insertCustomers,
  insertImportedComplaints,
  takeCodeNumbers,
  type ImportedComplaintRow,
} from '../../data/import-store.ts';
import { inTransaction } from '../../data/transaction.ts';
import { latestCalendar } from '../../data/org-store.ts';
import { DEFAULT_CALENDAR, localDateOf } from '../../domain/calendar/index.ts';
import { notFound } from '../../domain/errors.ts';
import { mapRow, rowKey, type ImportRecord, type RowError } from '../../domain/imports/map-row.ts';
import { resolveMapping } from '../../domain/imports/mapping.ts';
import { complaintText, signature } from '../../domain/similarity/index.ts';
import { scopeOf, type UserRef } from '../../security/scope.ts';
import { fileKind, readTable } from './read-table.ts';
import { importUnits } from './import-units.ts';

export interface ImportRequest {
  bytes: Buffer;
  filename: string;
  header: boolean;
  mapping: Record<string, unknown>;
  defaults: Record<string, unknown>;
  dryRun: boolean;
}

export interface ImportResult {
  /** Data rows read (the header row not counted). */
  rowsRead: number;
  /** Complaints written (a dry run: that would be written). */
  created: number;
  /** Rows already imported, by this file before or by another with the same external ids (or twice in this file). */
  duplicates: number;
  errors: RowError[];
}

export async function importComplaints(deps: Deps, user: UserRef, actor: Actor, req: ImportRequest): Promise<ImportResult> {
  const kind = fileKind(req.filename);
  const table = await readTable(req.bytes, kind);
  const header = req.header ? (table[0]?.cells ?? []) : null;
  const dataRows = req.header ? table.slice(1) : table;
  const mapping = resolveMapping(req.mapping, req.defaults, header);

  const { byKey: units, packs, versions } = await importUnits(deps.db, await scopeOf(deps.db, user));
  // A default unit applies to every row: one outside the caller's scope is unknown, as for POST /api/complaints.
  const defaultUnit = mapping.defaults.unitId;
  if (defaultUnit !== undefined && !units.has(defaultUnit.trim())) throw notFound(`unit '${defaultUnit}'`);

  const now = deps.now();
  const sha256 = createHash('sha256').update(req.bytes).digest('hex');
  const errors: RowError[] = [];
  const fresh: { record: ImportRecord; key: string }[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  for (const row of dataRows) {
    const out = mapRow(row.cells, row.no, mapping, { units, now });
    errors.push(...out.errors);
    if (!out.record) continue;
    const key = rowKey(out.record, sha256);
    if (seen.has(key)) duplicates++;
    else {
      seen.add(key);
      fresh.push({ record: out.record, key });
    }
  }
  const known = await importedKeys(
    deps.db,
    fresh.map((f) => f.key),
  );
  const toWrite = fresh.filter((f) => !known.has(f.key));
  duplicates += fresh.length - toWrite.length;
  if (req.dryRun || toWrite.length === 0) return { rowsRead: dataRows.length, created: toWrite.length, duplicates, errors };

  const created = await inTransaction(deps.db, async (trx) => {
    const ids = new Map(toWrite.map((f) => [f.key, randomUUID()]));
    const claimed = await claimRowKeys(
      trx,
      toWrite.map((f) => ({
        row_key: f.key,
        complaint_id: ids.get(f.key)!,
        file_name: req.filename,
        file_sha256: sha256,
        row_no: f.record.row,
        external_id: f.record.externalId,
        imported_by: actor.id,
      })),
    );
    // A concurrent import of the same file took the rest: they are its complaints, not this one's.
    const mine = toWrite.filter((f) => claimed.has(f.key));
    const byPhone = await customersByPhone(trx, [...new Set(mine.flatMap((f) => f.record.customer.phone ?? []))]);
    const newCustomers: { id: string; name: string; phone: string | null; email: string | null; type: string | null }[] = [];
    const numbers = await takeCodeNumbers(trx, mine.length);
    const codeDay = new Map<string, string>();
    const complaints: ImportedComplaintRow[] = [];
    const events: Parameters<typeof insertEventsOfMany>[1] = [];
    for (const [i, { record: r, key }] of mine.entries()) {
      let customerId = r.customer.phone ? byPhone.get(r.customer.phone) : undefined;
      if (!customerId) {
        customerId = randomUUID();
        newCustomers.push({ id: customerId, name: r.customer.name, phone: r.customer.phone, email: r.customer.email, type: null });
        if (r.customer.phone) byPhone.set(r.customer.phone, customerId);
      }
      if (!codeDay.has(r.unitId)) codeDay.set(r.unitId, localDateOf((await latestCalendar(trx, r.unitId)) ?? DEFAULT_CALENDAR, now));
      const id = ids.get(key)!;
      const pack = packs.get(r.unitId)!;
      complaints.push({
        id,
        code: complaintCode(codeDay.get(r.unitId)!, numbers[i]),
        unit_id: r.unitId,
        policy_id: pack.id,
        policy_version: versions.get(r.unitId) ?? 0,
        channel: r.channel,
        status: r.closed ? 'closed' : 'received',
        qualification: null,
        category_id: r.categoryId,
        level: r.level,
        level_rule: 'import',
        title: r.title,
        content: r.content,
        demands: r.demands,
        customer_id: customerId,
        complainant_count: 1,
        flags: {},
        received_at: r.receivedAt,
        created_at: now,
        updated_at: now,
        created_by: actor.id,
        signature: signature(complaintText(r)),
        similar_count: 0,
        next_due_at: null,
        overdue: false,
        next_severity_check_at: null,
        close_reason: null,
        closed_at: r.closedAt,
      });
      const opened = chainEvents(
        deps.logKey,
        id,
        [
          {
            type: 'received',
            data: {
              channel: r.channel,
              receivedAt: r.receivedAt.toISOString(),
              loggedLateMs: Math.max(0, now.getTime() - r.receivedAt.getTime()),
              portal: false,
              imported: true,
            },
          },
          {
            type: 'imported',
            data: { file: req.filename, row: r.row, sha256, externalId: r.externalId, status: r.closed ? 'closed' : 'open' },
          },
        ],
        actor,
        now,
        null,
      );
      // Dated when it closed, so reports read the closure in its period (they take the last 'closed' event before a date).
      const closed = r.closed
        ? chainEvents(
            deps.logKey,
            id,
            [{ type: 'closed', data: { note: 'closed before import', imported: true } }],
            actor,
            r.closedAt!,
            opened[opened.length - 1],
          )
        : [];
      events.push({ complaintId: id, events: [...opened, ...closed] });
    }
    await insertCustomers(trx, newCustomers);
    await insertImportedComplaints(trx, complaints);
    await insertEventsOfMany(trx, events);
    return mine.length;
  });
  return { rowsRead: dataRows.length, created, duplicates: duplicates + (toWrite.length - created), errors };
}

/**
 * The queue's export as CSV or xlsx (issue #17), streamed: the rows are read a batch at a time by the
 * list's own keyset (complaintBatches) and written out as they come, so an export of 100,000
 * complaints holds one batch, not the file. Contact details go out masked unless the role may see
 * them (R-IN-4). Each export is on record in the export log (migration 0019): who, which view, which
 * format, whether contacts were unmasked, when, how many rows, and whether the download completed.
 */
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { loadExcelJS } from './load-exceljs.ts';
import type { Deps, Actor } from './context.ts';
import { complaintBatches, type ComplaintFilter } from './list-complaints.ts';
import { namingFor } from './reports/report-context.ts';
import { configSnapshot } from '../data/config-cache.ts';
import { closeExportLog, openExportLog } from '../data/export-log-store.ts';
import {
  EXPORT_COLUMNS,
  csvLine,
  exportFilename,
  exportRow,
  localWallClock,
  UTF8_BOM,
  type ExportCell,
  type ExportFormat,
  type ExportNames,
  type ExportSource,
} from '../domain/export/complaint-export.ts';

/** Rows read per query: large enough that 100,000 rows take 100 round trips, small enough to hold. */
export const EXPORT_BATCH = 1000;

export const EXPORT_MIME: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface ExportRequest {
  format: ExportFormat;
  filter: Omit<ComplaintFilter, 'limit' | 'cursor'>;
  /** The view as the client asked for it, for the log. */
  query: Record<string, unknown>;
  /** Whether the role may see contact details (contact.view). */
  showContacts: boolean;
}

export interface ExportStream {
  filename: string;
  contentType: string;
  body: Readable;
  /** The export log row. */
  logId: string;
}

type Batch = ExportSource[];

/**
 * Opens an export: the first batch is read here, so a bad filter is a 400 before anything is sent,
 * then the log row is written and the stream returned. The log row is completed when the stream ends
 * and marked aborted when it is closed early (the client went away) or fails.
 */
export async function startComplaintExport(
  deps: Deps,
  actor: Actor,
  req: ExportRequest,
  opts: { batchSize?: number } = {},
): Promise<ExportStream> {
  const batches = complaintBatches(deps, req.filter, opts.batchSize ?? EXPORT_BATCH);
  const first = await batches.next();
  const snapshot = await configSnapshot(deps.db);
  const naming = namingFor([]);
  const names: ExportNames = {
    node: (id) => snapshot.node(id)?.name ?? id,
    category: (policyId, id) => naming.categoryName(policyId, id),
    level: (policyId, id) => naming.level(policyId, id).nameZh,
  };
  const logId = await openExportLog(deps.db, {
    userId: actor.id,
    userLabel: actor.label,
    role: actor.role,
    orgNodeId: actor.orgNodeId ?? null,
    subject: 'complaints',
    format: req.format,
    filters: req.query,
    contactsUnmasked: req.showContacts,
    at: deps.now(),
  });
  async function* all(): AsyncGenerator<Batch> {
    if (!first.done) yield first.value;
    yield* batches;
  }
  const ctx = { names, showContacts: req.showContacts };
  const close = async (rows: number, completed: boolean) => {
    try {
      await closeExportLog(deps.db, logId, { rows, outcome: completed ? 'completed' : 'aborted', at: deps.now() });
    } catch {
      // The download is over either way; the row stays 'started', which says as much.
    }
  };
  const body = req.format === 'csv' ? csvStream(all(), ctx, close) : xlsxStream(await loadExcelJS(), all(), ctx, close);
  return { filename: exportFilename(req.format, deps.now()), contentType: EXPORT_MIME[req.format], body, logId };
}

type Ctx = { names: ExportNames; showContacts: boolean };
type Close = (rows: number, completed: boolean) => Promise<void>;

function csvStream(batches: AsyncGenerator<Batch>, ctx: Ctx, close: Close): Readable {
  async function* chunks(): AsyncGenerator<Buffer> {
    let rows = 0;
    let completed = false;
    try {
      yield Buffer.from(UTF8_BOM + csvLine(EXPORT_COLUMNS.map((c) => c.heading)), 'utf8');
      for await (const batch of batches) {
        let text = '';
        for (const r of batch) text += csvLine(exportRow(r, ctx));
        rows += batch.length;
        yield Buffer.from(text, 'utf8');
      }
      completed = true;
    } finally {
      // Runs at the end, and when the stream is destroyed early (Readable.from returns the generator).
      await close(rows, completed);
    }
  }
  // Bytes, not objects: one batch's text is over the mark, so the next is read only once it has gone.
  return Readable.from(chunks(), { objectMode: false, highWaterMark: 1 << 16 });
}

/** Characters XML 1.0 does not allow; exceljs would write them as they are and the file would not open. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this pattern's whole job
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
/** A cell's line break is LF; a CR would be dropped by any XML reader anyway. */
const CRLF = /\r\n?/g;
const TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';

function xlsxCell(cell: ExportCell): string | number | Date | null {
  if (cell === null || typeof cell === 'number') return cell;
  if (typeof cell === 'string') return cell.replace(CRLF, '\n').replace(XML_INVALID, '');
  return localWallClock(cell.at);
}

function xlsxStream(excel: typeof ExcelJS, batches: AsyncGenerator<Batch>, ctx: Ctx, close: Close): Readable {
  const out = new PassThrough();
  const wb = new excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Plaint';
  const ws = wb.addWorksheet('投诉清单', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = EXPORT_COLUMNS.map((c) => ({ width: c.width }));
  const header = ws.addRow(EXPORT_COLUMNS.map((c) => c.heading));
  header.font = { bold: true };
  header.commit();
  const pump = async () => {
    let rows = 0;
    let completed = false;
    try {
      for await (const batch of batches) {
        if (out.destroyed) break;
        for (const r of batch) {
          const cells = exportRow(r, ctx);
          const row = ws.addRow(cells.map(xlsxCell));
          cells.forEach((c, i) => {
            if (c !== null && typeof c === 'object') row.getCell(i + 1).numFmt = TIME_FORMAT;
          });
          row.commit();
        }
        rows += batch.length;
        await caughtUp(out);
      }
      if (!out.destroyed) {
        ws.commit();
        await wb.commit();
        completed = true;
      }
    } catch (err) {
      out.destroy(err as Error);
    } finally {
      await close(rows, completed);
    }
  };
  void pump();
  return out;
}

/**
 * Waits while the client is behind: exceljs writes into the zip without waiting, so the next batch
 * is read only once what was written has mostly gone out.
 */
async function caughtUp(out: PassThrough): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  while (!out.destroyed && out.writableNeedDrain) {
    const ac = new AbortController();
    await Promise.race([once(out, 'drain', { signal: ac.signal }), once(out, 'close', { signal: ac.signal })]).catch(() => {});
    ac.abort();
  }
}

/**
 * An uploaded ledger as rows of text cells: CSV and TSV through csv-parse (quoted fields may hold
 * line breaks and delimiters), .xlsx through exceljs (the first worksheet). The row number of each
 * row is the one a spreadsheet shows, counting the header row, so an error points at the right line.
 */
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../load-exceljs.ts';
import { invalid } from '../../domain/errors.ts';
import { decodeText } from './decode-text.ts';

export type FileKind = 'csv' | 'tsv' | 'xlsx';

export function fileKind(filename: string | undefined): FileKind {
  const ext = /\.([a-z]+)$/i.exec(filename ?? '')?.[1]?.toLowerCase();
  if (ext === 'csv' || ext === 'tsv' || ext === 'xlsx') return ext;
  throw invalid('file', 'must be a .xlsx, .csv or .tsv file');
}

export interface TableRow {
  /** 1-based, as a spreadsheet numbers it (the header row is row 1). */
  no: number;
  cells: string[];
}

/** The non-empty rows of the file, header included, each with its row number. */
export async function readTable(bytes: Buffer, kind: FileKind): Promise<TableRow[]> {
  if (kind === 'xlsx') return readXlsx(bytes);
  const { text } = decodeText(bytes);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: kind === 'tsv' ? '\t' : ',',
      relax_column_count: true,
      // TSV exports (NHTSA, many databases) do not quote: a stray " is part of the text.
      quote: kind === 'tsv' ? false : '"',
    }) as string[][];
  } catch (e) {
    throw invalid('file', `is not readable as ${kind.toUpperCase()}: ${(e as Error).message}`);
  }
  // Empty lines keep their number (a spreadsheet shows them) but are not rows to import.
  return records.map((cells, i) => ({ no: i + 1, cells })).filter((r) => r.cells.some((c) => c.trim() !== ''));
}

async function loadWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  // An .xlsx is a ZIP archive: anything else is refused before exceljs tries to read it.
  if (bytes.length < 4 || bytes.readUInt32BE(0) !== 0x504b0304) throw invalid('file', 'is not an .xlsx workbook');
  const wb = new (await loadExcelJS()).Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw invalid('file', `is not a readable .xlsx workbook: ${(e as Error).message}`);
  }
  return wb;
}

async function readXlsx(bytes: Buffer): Promise<TableRow[]> {
  const sheet = (await loadWorkbook(bytes)).worksheets[0];
  return sheet ? sheetRows(sheet) : [];
}

/** Every worksheet of a workbook by its name, each as its non-empty rows (issue #16: the organisation import's 组织 and 人员). */
export async function readXlsxSheets(bytes: Buffer): Promise<Map<string, TableRow[]>> {
  const wb = await loadWorkbook(bytes);
  return new Map(wb.worksheets.map((ws) => [ws.name.trim(), sheetRows(ws)]));
}

function sheetRows(sheet: ExcelJS.Worksheet): TableRow[] {
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    const text = Array.from(cells, (c) => c ?? '');
    if (text.some((c) => c.trim() !== '')) rows.push({ no: row.number, cells: text });
  });
  return rows;
}

/** A cell as the text a user sees; a date as its wall time (exceljs gives Excel's local time as UTC). */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date)
    return v
      .toISOString()
      .replace('T', ' ')
      .replace(/(\.000)?Z$/, '');
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText((v.result ?? null) as ExcelJS.CellValue);
    if ('error' in v) return '';
    return String(v);
  }
  return String(v);
}

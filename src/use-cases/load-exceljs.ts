/**
 * exceljs, loaded when a workbook is first read or written instead of when the process starts: importing
 * it costs ~0.5 s of CPU (measured 2026-12-06), which every server start, every worker and every script
 * paid whether or not anyone exported, imported or downloaded a report. The first request that needs it
 * waits for the import once.
 */
import type ExcelJS from 'exceljs';

let loading: Promise<typeof ExcelJS> | undefined;

export function loadExcelJS(): Promise<typeof ExcelJS> {
  loading ??= import('exceljs').then((m) => m.default);
  return loading;
}

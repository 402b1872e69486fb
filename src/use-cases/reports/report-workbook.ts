/**
 * The periodic report as a workbook laid out like the paper form (《客户投诉月报》/《半月报》/《日报表》,
 * S0 Vanke 6.1–6.6): a merged title row, 单位 / 期间 / 制表时间, then numbered sections. The numbers are
 * the JSON report's, cell for cell.
 */
import { loadExcelJS } from '../load-exceljs.ts';
import { DateTime } from 'luxon';
import { dueText, type PeriodicReport, type Breakdown } from '../../domain/reports/periodic-report.ts';
import { REPORT_ZONE } from '../../domain/reports/periods.ts';

const KIND_TITLE: Record<PeriodicReport['period']['kind'], string> = {
  daily: '投诉情况日报表',
  half_monthly: '客户投诉半月报',
  monthly: '客户投诉月报',
  quarterly: '客户投诉季度分析报告',
};

const COLS = 6;
const thin = { style: 'thin' as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

export function reportFilename(r: PeriodicReport): string {
  return `complaint-report-${r.period.kind}-${r.node.id}-${r.period.key}.xlsx`;
}

export function reportTitle(r: PeriodicReport): string {
  return `${r.node.name}${KIND_TITLE[r.period.kind]}`;
}

const pct = (x: number | null) => (x === null ? '—' : x);
const local = (iso: string) => DateTime.fromISO(iso, { zone: REPORT_ZONE }).toFormat('yyyy-MM-dd HH:mm');

export async function buildReportWorkbook(r: PeriodicReport): Promise<Buffer> {
  const wb = new (await loadExcelJS()).Workbook();
  wb.creator = 'Plaint';
  wb.created = new Date(r.generatedAt);
  const ws = wb.addWorksheet(KIND_TITLE[r.period.kind], {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = [{ width: 22 }, { width: 16 }, { width: 14 }, { width: 14 }, { width: 14 }, { width: 40 }];

  const title = ws.addRow([reportTitle(r)]);
  ws.mergeCells(title.number, 1, title.number, COLS);
  title.height = 30;
  title.getCell(1).font = { size: 16, bold: true };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };

  const meta = (label: string, value: string) => {
    const row = ws.addRow([label, value]);
    ws.mergeCells(row.number, 2, row.number, COLS);
    row.getCell(1).font = { bold: true };
  };
  meta('单位', r.node.name);
  meta('期间', `${r.period.labelZh}（${r.period.startDate} 至 ${r.period.endDate}）`);
  meta('报送期限', dueText(r.period));
  meta('制表时间', local(r.generatedAt));
  meta('统计截至', `${local(r.asOf)}${r.closedPeriod ? '（期间已结束）' : '（期间进行中）'}`);
  ws.addRow([]);

  const section = (text: string) => {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, COLS);
    row.getCell(1).font = { bold: true, size: 12 };
    row.getCell(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  };
  const header = (cells: string[]) => {
    const row = ws.addRow(cells);
    row.eachCell((c) => {
      c.font = { bold: true };
      c.border = BORDER;
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    });
  };
  const line = (cells: (string | number)[]) => {
    const row = ws.addRow(cells);
    row.eachCell((c) => {
      c.border = BORDER;
      c.alignment = { vertical: 'top', wrapText: true };
    });
    return row;
  };
  const table = (head: string, rows: Breakdown[]) => {
    header([head, '受理数', '已关闭', '占比']);
    for (const b of rows) line([b.labelZh, b.count, b.closed, pct(b.share)]).getCell(4).numFmt = '0.0%';
    if (!rows.length) line(['（无）', 0, 0, '—']);
  };

  const t = r.totals;
  section('一、受理情况');
  header(['项目', '数量']);
  line(['本期受理', t.received]);
  line(['已关闭', t.closed]);
  line(['未关闭', t.open]);
  line(['其中逾期', t.overdue]);
  line(['关闭率', pct(t.closureRate)]).getCell(2).numFmt = '0.0%';
  line(['二次投诉', t.repeat]);
  line(['二次投诉率', pct(t.repeatRate)]).getCell(2).numFmt = '0.0%';
  line(['平均满意度（5分制）', t.satisfactionAverage ?? '—']);
  line(['回访评分数', t.satisfactionCount]);
  ws.addRow([]);
  table('受理渠道', r.byChannel);
  ws.addRow([]);
  table('投诉类别', r.byCategory);
  ws.addRow([]);
  table('投诉级别', r.byLevel);
  ws.addRow([]);
  table('被投诉单位', r.byUnit);
  ws.addRow([]);
  // S0 food §5: complaints by the cause their investigation report named (only packs with causes).
  if ((r.byCause ?? []).length) {
    table('投诉原因', r.byCause);
    ws.addRow([]);
  }

  section('二、定性');
  header(['定性', '数量']);
  line(['有效投诉', t.valid]);
  line(['无效投诉', t.invalid]);
  line(['意见建议', t.suggestion]);
  line(['未定性', t.unqualified]);
  ws.addRow([]);

  section('三、时限达标');
  header(['时限', '应考核', '按时完成', '超时', '进行中', '达标率']);
  for (const c of r.timeLimits)
    line([c.labelZh, c.total, c.metOnTime, c.breached, c.pending, pct(c.complianceRate)]).getCell(6).numFmt = '0.0%';
  if (!r.timeLimits.length) line(['（无）', 0, 0, 0, 0, '—']);
  ws.addRow([]);

  section('四、重要投诉明细');
  header(['编号', '级别', '状态', '受理时间', '被投诉单位', '标题及处理简述']);
  for (const i of r.important) line([i.code, i.levelZh, i.statusZh, local(i.receivedAt), i.unitName, `${i.title}\n${i.accountZh}`]);
  if (!r.important.length) line(['（无）', '', '', '', '', '']);
  ws.addRow([]);

  section('五、热点及重大投诉');
  header(['编号', '级别', '状态', '受理时间', '被投诉单位', '标题']);
  for (const i of r.hotAndMajor) line([i.code, i.levelZh, i.statusZh, local(i.receivedAt), i.unitName, i.title]);
  if (!r.hotAndMajor.length) line(['（无）', '', '', '', '', '']);
  ws.addRow([]);

  const foot = ws.addRow(['制表：Plaint 投诉处理系统', '', '', '审核：', '', '']);
  foot.getCell(1).font = { italic: true };

  return Buffer.from(await wb.xlsx.writeBuffer());
}

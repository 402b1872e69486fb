/**
 * The periodic report as a printable page (A4, Chinese headings, the same sections as the workbook).
 * Every value is HTML-escaped; the page loads nothing and runs no script.
 */
import { DateTime } from 'luxon';
import { dueText, type PeriodicReport, type Breakdown, type ReportItem } from '../../domain/reports/periodic-report.ts';
import { reportTitle } from './report-workbook.ts';

const ZONE = 'Asia/Shanghai';
const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const local = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm');
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

function table(head: string[], rows: unknown[][]): string {
  const th = head.map((h) => `<th>${esc(h)}</th>`).join('');
  const body = rows.length
    ? rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')
    : `<tr><td colspan="${head.length}">无</td></tr>`;
  return `<table><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

const breakdown = (title: string, rows: Breakdown[]) =>
  `<h3>${esc(title)}</h3>${table(
    ['项目', '件数', '已关闭', '占比'],
    rows.map((b) => [b.labelZh, b.count, b.closed, pct(b.share)]),
  )}`;

const items = (rows: ReportItem[]) =>
  table(
    ['编号', '单位', '级别', '状态', '受理时间', '标题', '简要情况'],
    rows.map((i) => [i.code, i.unitName, i.levelZh, i.statusZh, local(i.receivedAt), i.title, i.accountZh]),
  );

export function buildReportHtml(r: PeriodicReport): string {
  const t = r.totals;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(reportTitle(r))}</title>
<style>
  @page { size: A4; margin: 15mm; }
  body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; font-size: 12px; color: #111; }
  h1 { text-align: center; font-size: 20px; margin: 0 0 8px; }
  h2 { font-size: 15px; border-bottom: 1px solid #333; margin-top: 18px; }
  h3 { font-size: 13px; margin: 10px 0 4px; }
  table { border-collapse: collapse; width: 100%; margin-bottom: 8px; page-break-inside: auto; }
  th, td { border: 1px solid #555; padding: 3px 6px; text-align: left; }
  th { background: #eee; }
  .meta td { border: none; padding: 1px 8px 1px 0; }
</style></head><body>
<h1>${esc(reportTitle(r))}</h1>
<table class="meta"><tr><td>单位：${esc(r.node.name)}</td><td>期间：${esc(r.period.labelZh)}（${esc(r.period.startDate)} 至 ${esc(r.period.endDate)}）</td></tr>
<tr><td>报送期限：${esc(dueText(r.period))}</td><td>制表时间：${esc(local(r.generatedAt))}　统计截至：${esc(local(r.asOf))}</td></tr></table>
<h2>一、受理情况</h2>
${table(['受理', '未关闭', '超时', '已关闭', '关闭率', '二次投诉率', '平均满意度'], [[t.received, t.open, t.overdue, t.closed, pct(t.closureRate), pct(t.repeatRate), t.satisfactionAverage ?? '—']])}
${breakdown('按渠道', r.byChannel)}${breakdown('按类别', r.byCategory)}${breakdown('按级别', r.byLevel)}${breakdown('按单位', r.byUnit)}${(r.byCause ?? []).length ? breakdown('按原因', r.byCause) : ''}
<h2>二、定性</h2>
${table(['有效', '无效', '意见建议', '未定性'], [[t.valid, t.invalid, t.suggestion, t.unqualified]])}
<h2>三、时限达标</h2>
${table(
  ['时限', '件数', '按时完成', '超时', '进行中', '达标率'],
  r.timeLimits.map((l) => [l.labelZh, l.total, l.metOnTime, l.breached, l.pending, pct(l.complianceRate)]),
)}
<h2>四、重要投诉明细</h2>
${items(r.important)}
<h2>五、热点及重大投诉</h2>
${items(r.hotAndMajor)}
</body></html>`;
}

/**
 * The queue's export buttons (issue #17): the filtered view downloads as a real workbook holding the
 * complaints the list shows, in its order; the administrator reads who exported what in 导出记录.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { useServerAndBrowser } from './harness.ts';
import { ADMIN, AGENT, DESKTOP, apiAs, login, screenshot } from './browser.ts';

const env = useServerAndBrowser();

test('“导出 Excel” downloads the current queue view as an xlsx with the rows the list shows', async () => {
  const { context, page } = await env.open(DESKTOP);
  try {
    await login(page, AGENT);
    await page.goto('/?status=received&sort=received');
    await page.getByTestId('queue-table').locator('[data-row]').first().waitFor();
    const button = page.getByTestId('queue-export-xlsx');
    assert.equal((await button.innerText()).replace(/\s/g, ''), '导出Excel');
    assert.match((await button.getAttribute('href'))!, /^\/api\/complaints\/export\.xlsx\?status=received&sort=received$/);
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    assert.match(download.suggestedFilename(), /^complaints-\d{8}-\d{6}\.xlsx$/);
    const file = fs.readFileSync((await download.path())!);
    assert.equal(file.subarray(0, 2).toString('latin1'), 'PK', 'an xlsx is a zip');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    assert.equal(ws.getCell(1, 1).value, '投诉编号');
    const codes: string[] = [];
    ws.eachRow((row, n) => n > 1 && codes.push(String(row.getCell(1).value)));
    const listed = await apiAs<{ items: { code: string }[]; nextCursor: string | null }>(
      page,
      '/complaints?status=received&sort=received&limit=200',
    );
    assert.ok(listed.body.nextCursor === null, 'the demo view fits one page of the list');
    assert.deepEqual(
      codes,
      listed.body.items.map((i) => i.code),
    );
    await page.getByTestId('queue-export-csv').waitFor();
  } finally {
    await context.close();
  }
});

test("导出记录: the administrator sees the agent's export (who, view, rows, contacts unmasked, completed); the agent has no such page", async () => {
  const { context, page } = await env.open(DESKTOP);
  try {
    await login(page, AGENT);
    await page.getByTestId('queue-table').waitFor();
    // Counted hidden or not: a menu too wide for the header folds its last entries into '…'.
    assert.equal(await page.locator('.console-menu a[href="/export-log"]').count(), 0, 'no export log for the exporter');
    const exported = await page.request.get('/api/complaints/export.csv?status=received');
    assert.equal(exported.status(), 200);
    await exported.body();
  } finally {
    await context.close();
  }
  const admin = await env.open(DESKTOP);
  try {
    await login(admin.page, ADMIN);
    await admin.page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '导出记录' }).click();
    const table = admin.page.getByTestId('export-log-table');
    const first = table.locator('tbody tr[data-row]').first();
    await first.waitFor();
    const text = await first.innerText();
    assert.match(text, /agent@plaint\.demo/);
    assert.match(text, /status=received/);
    assert.equal((await first.locator('td').nth(2).innerText()).trim(), '客服专员', 'the role, named');
    assert.match(text, /CSV/);
    assert.match(text, /未打码/);
    assert.match(text, /已完成/);
    await screenshot(admin.page, 'export-log');
  } finally {
    await admin.context.close();
  }
});

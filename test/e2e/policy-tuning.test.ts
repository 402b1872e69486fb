/**
 * Issue #16 item 4 in the console: 流程设置 edits a unit's phone dispatch limit in working hours from 30 to 20
 * minutes, shows the difference from the standard pack and a sample complaint's due instants under both,
 * and saves a new version; a complaint taken afterwards names that version. Screenshots at each step.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { useServerAndBrowser } from './harness.ts';
import { ADMIN, DESKTOP, apiAs, chooseOption, login, screenshot } from './browser.ts';

const env = useServerAndBrowser();

/** The <input> of an antd field that carries `data-testid` on the input or on its wrapper. */
async function inputOf(box: Locator): Promise<Locator> {
  return (await box.evaluate((e) => e.tagName)) === 'INPUT' ? box : box.locator('input');
}

async function setPicker(input: Locator, value: string): Promise<void> {
  await input.click();
  await input.press('ControlOrMeta+a');
  await input.pressSequentially(value);
  await input.press('Enter');
}

test('#16 item 4: the procedure page edits a time limit, shows the difference and the preview, and saves a version', async () => {
  const { context, page } = await env.open(DESKTOP);
  try {
    await login(page, ADMIN);
    const before = await apiAs<{ version: number }>(page, '/units/u-re-garden/policy');
    assert.equal(before.status, 200);

    // The menu offers the page to the administrator (it may sit in the menu's overflow at this width).
    assert.ok((await page.locator('.console-menu a[href="/settings/policy"]').count()) > 0, 'the menu links the page');
    await page.goto('/settings/policy');
    await chooseOption(page, page, '公司或项目', '城市花园项目');
    // Clock 1 of the real-estate pack is the dispatch clock (R-TL-2); waiting for its text waits for the
    // chosen unit's pack rather than the one the page opened with.
    const dispatch = page.getByTestId('policy-clock-1').filter({ hasText: '转达至客服专员' });
    await dispatch.waitFor();
    await page.getByTestId('policy-diff').getByText('与标准版相同').waitFor();
    await screenshot(page, 'policy-page');

    // The dispatch clock's limit when received in working hours: 30 → 20 business minutes.
    const minutes = await inputOf(page.getByTestId('clock-1-due-inHours-amount'));
    assert.equal(await minutes.inputValue(), '30');
    await minutes.fill('20');
    await minutes.press('Tab');
    const diff = page.getByTestId('policy-diff');
    const row = diff.locator('tr', { hasText: '/clocks/1/due/inHours/minutes' });
    await row.waitFor();
    assert.match(await row.innerText(), /30[\s\S]*20/);

    // The preview of a phone complaint received on a working day at 10:00.
    const preview = page.getByTestId('policy-preview');
    await setPicker(preview.getByLabel('受理时间'), '2026-11-24 10:00');
    await page.getByTestId('policy-preview-run').click();
    const dispatchRow = preview.locator('tr', { hasText: '转达至客服专员' });
    await dispatchRow.waitFor();
    const text = await dispatchRow.innerText();
    assert.ok(text.includes('2026-11-24 10:30'), `in force: 10:30 (${text})`);
    assert.ok(text.includes('2026-11-24 10:20'), `proposed: 10:20 (${text})`);
    assert.ok(text.includes('有变化'));
    await screenshot(page, 'policy-page-edited');

    await page.getByTestId('policy-save').click();
    await page.locator('.ant-message', { hasText: '已保存为第' }).waitFor();
    const after = await apiAs<{ version: number; effective: { clocks: { due: { inHours?: { minutes: number } } }[] } }>(
      page,
      '/units/u-re-garden/policy',
    );
    assert.ok(after.body.version > before.body.version);
    assert.equal(after.body.effective.clocks[1].due.inHours?.minutes, 20);
    await page.getByTestId('policy-version').getByText(`第${after.body.version}版`).waitFor();
    await page.getByTestId('policy-diff').locator('tr', { hasText: '/clocks/1/due/inHours/minutes' }).waitFor();
    await screenshot(page, 'policy-page-saved');

    // A complaint taken now carries the version, and its dispatch clock's trace names it.
    const created = await apiAs<{ policyVersion: number; clocks: { name: string; trace: { detailZh?: string }[] }[] }>(
      page,
      '/complaints',
      {
        method: 'POST',
        body: {
          unitId: 'u-re-garden',
          channel: 'phone',
          customer: { name: '钱先生', phone: '13800004321' },
          title: '电梯停运',
          content: '3号楼电梯停运。',
        },
      },
    );
    assert.equal(created.status, 201);
    assert.equal(created.body.policyVersion, after.body.version);
    const trace = created.body.clocks.find((c) => c.name === 'dispatch')?.trace[0].detailZh ?? '';
    assert.ok(trace.includes(`政策包 real-estate 第${after.body.version}版`), trace);
  } finally {
    await context.close();
  }
});

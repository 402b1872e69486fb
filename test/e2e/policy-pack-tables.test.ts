/**
 * Issue #15 item 1 in the console: 流程设置 edits a fuel station's penalty table (the level 3 fine, the split)
 * and saves a version; a complaint received afterwards is assessed with the tuned fine. Screenshots of the form.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser } from './harness.ts';
import { ADMIN, DESKTOP, apiAs, login, screenshot } from './browser.ts';

const env = useServerAndBrowser();

test('#15 item 1: the procedure page edits a station fine; a complaint received after saving is assessed with it', async () => {
  const { context, page } = await env.open(DESKTOP);
  try {
    await login(page, ADMIN);
    await page.goto('/settings/policy');
    // The list is long (virtual): search it first.
    await page.getByLabel('公司或项目', { exact: true }).click();
    await page.getByLabel('公司或项目', { exact: true }).pressSequentially('滨江路');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '滨江路加油站' }).first().click();
    const split = page.getByTestId('policy-split');
    await split.waitFor();
    assert.match(await split.innerText(), /罚款分摊/);
    await screenshot(page, 'policy-penalties');

    // Level 3 (the third row of the penalty table): 800 → 600 yuan.
    const fine = page.locator('tr', { hasText: 'level3' }).locator('input').first();
    assert.equal(await fine.inputValue(), '800');
    await fine.fill('600');
    await fine.press('Tab');
    await page.getByTestId('policy-diff').locator('tr', { hasText: '/penalties/byLevel' }).first().waitFor();
    await page.getByTestId('policy-save').click();
    await page.locator('.ant-message', { hasText: '已保存为第' }).waitFor();
    await screenshot(page, 'policy-penalties-saved');

    const created = await apiAs<{ id: string; policyVersion: number }>(page, '/complaints', {
      method: 'POST',
      body: {
        unitId: 'u-fuel-s1',
        channel: 'phone',
        customer: { name: '车主', phone: '13900006789' },
        title: '加油数量不足',
        content: '加油数量不足，请核实。',
      },
    });
    assert.equal(created.status, 201);
    assert.ok(created.body.policyVersion > 0);
    const q = await apiAs(page, `/complaints/${created.body.id}/actions`, {
      method: 'POST',
      body: { type: 'qualify', result: 'valid', level: 'level3' },
    });
    assert.equal(q.status, 200, JSON.stringify(q.body));
    const a = await apiAs<{ assessments: { baseFineYuan: number }[] }>(
      page,
      `/complaints/${created.body.id}/assessment?directPersonId=d&stationManagerId=m&areaManagerId=a`,
    );
    assert.equal(a.status, 200);
    assert.equal(a.body.assessments[0].baseFineYuan, 600);
  } finally {
    await context.close();
  }
});

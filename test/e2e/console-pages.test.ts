/**
 * Journey (c) and the console's other pages: a closed complaint offers no 'dispatch' (the server refuses
 * it with 409 and the allowed list), and the queue, dashboard and calendar render at desktop and phone size.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser } from './harness.ts';
import { ADMIN, AGENT, DESKTOP, PHONE, apiAs, assertNoHorizontalScroll, chooseOption, login, screenshot } from './browser.ts';

const env = useServerAndBrowser();

test('R-LC-2: a closed complaint offers no dispatch, and the server refuses one with the allowed actions', async () => {
  const { context, page } = await env.open(DESKTOP);
  try {
    await login(page, AGENT);
    await page.goto('/?status=closed&sort=received');
    const firstLink = page.getByTestId('queue-table').locator('[data-row] a').first();
    await firstLink.click();
    await page.getByTestId('complaint-code').waitFor();
    assert.equal(await page.locator('[data-status]').first().getAttribute('data-status'), 'closed');
    await page.getByTestId('action-panel').waitFor();
    assert.equal(await page.locator('[data-action="dispatch"]').count(), 0, 'no dispatch form on a closed complaint');
    const offered = await page.locator('[data-action]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    const id = page.url().split('/').pop()!;
    const { body } = await apiAs<{ allowedActions: string[]; unitId: string }>(page, `/complaints/${id}`);
    assert.deepEqual([...offered].sort(), body.allowedActions.filter((a) => offered.includes(a)).sort(), 'only actions the server allows');
    assert.ok(offered.every((a) => body.allowedActions.includes(a!)));

    const units = await apiAs<{ id: string; kind: string; parentId: string | null }[]>(page, '/units');
    const department = units.body.find((n) => n.kind === 'department' && n.parentId === body.unitId)!;
    const refused = await apiAs<{ error: { code: string; allowed?: string[] } }>(page, `/complaints/${id}/actions`, {
      method: 'POST',
      body: { type: 'dispatch', leadDepartmentId: department.id },
    });
    assert.equal(refused.status, 409);
    assert.ok(!refused.body.error.allowed?.includes('dispatch'));
    await screenshot(page, 'complaint-closed-offers');
  } finally {
    await context.close();
  }
});

for (const viewport of [DESKTOP, PHONE]) {
  test(`console pages render at ${viewport.width}×${viewport.height}`, async () => {
    const { context, page } = await env.open(viewport);
    try {
      await login(page, ADMIN);
      await page.getByTestId('queue-table').locator('[data-row]').first().waitFor();
      await page.locator('.countdown').first().waitFor();
      // The filter bar comes after the rows (#20); the screenshot shows the page once it has arrived.
      await page.locator('.queue-filters-place .ant-select').first().waitFor();
      await screenshot(page, 'queue');

      // Keyset paging: the demo holds more complaints than one page.
      const rows = page.getByTestId('queue-table').locator('[data-row]');
      const firstPage = await rows.count();
      await page.getByRole('button', { name: '加载更多' }).click();
      await page.waitForFunction((n) => document.querySelectorAll('[data-row]').length > n, firstPage);
      const codes = await page.getByTestId('queue-table').locator('[data-row] a').allTextContents();
      assert.equal(new Set(codes).size, codes.length, 'no complaint listed twice across pages');

      await page.getByTestId('queue-table').locator('[data-row] a').first().click();
      await page.getByTestId('complaint-code').waitFor();
      await page.getByTestId('event-timeline').waitFor();
      await screenshot(page, 'complaint');

      await page.goto('/dashboard');
      await page.getByTestId('chart-open-by-level').locator('canvas').waitFor();
      await page.waitForTimeout(800); // the charts animate in
      await screenshot(page, 'dashboard');

      await page.goto('/calendar');
      await page.getByTestId('calendar-form').waitFor();
      await page.getByLabel('年份').fill('2099');
      await page.getByLabel('年份').press('Tab');
      await page.getByTestId('no-official-data').waitFor();
      await screenshot(page, 'calendar');

      await assertNoHorizontalScroll(page);
    } finally {
      await context.close();
    }
  });
}

test("R-SV-4: in the queue a level's tooltip names the rule that set it and a countdown's the due time, by pointer or keyboard", async () => {
  const { context, page } = await env.open(DESKTOP);
  try {
    await login(page, AGENT);
    const table = page.getByTestId('queue-table');
    await table.locator('[data-row]').first().waitFor();
    // The tooltips are mounted when first reached (components/hover-tooltip.tsx): hovering must still open one.
    await table.locator('.countdown').first().hover();
    await page
      .getByRole('tooltip')
      .filter({ hasText: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/ })
      .waitFor();
    await table.locator('[data-level][tabindex="0"]').first().focus();
    await page
      .getByRole('tooltip')
      .filter({ hasText: /^定级规则：R-/ })
      .waitFor();
  } finally {
    await context.close();
  }
});

test('#20: the queue draws its rows first, and they do not move when the filter bar arrives (desktop and phone)', async () => {
  for (const viewport of [DESKTOP, PHONE]) {
    const { context, page } = await env.open(viewport);
    try {
      // Where the first row stood the moment it was put on the page, before the filter bar existed.
      await page.addInitScript(() => {
        const seen = new MutationObserver(() => {
          const row = document.querySelector('[data-testid="queue-table"] [data-row]');
          if (!row) return;
          seen.disconnect();
          const w = window as unknown as { firstRow: { top: number; filtersDrawn: boolean } };
          w.firstRow = {
            top: row.getBoundingClientRect().top + window.scrollY,
            filtersDrawn: document.querySelector('.queue-filters-place .ant-select') !== null,
          };
        });
        seen.observe(document, { childList: true, subtree: true });
      });
      await login(page, AGENT);
      await page.locator('.queue-filters-place .ant-select').first().waitFor();
      const first = await page.evaluate(() => (window as unknown as { firstRow: { top: number; filtersDrawn: boolean } }).firstRow);
      assert.equal(first.filtersDrawn, false, 'the rows were on the page before the filter bar');
      const now = await page.evaluate(
        () => document.querySelector('[data-testid="queue-table"] [data-row]')!.getBoundingClientRect().top + window.scrollY,
      );
      assert.ok(
        Math.abs(now - first.top) <= 1,
        `the first row stood at ${first.top} px and stands at ${now} px (${viewport.width} px wide)`,
      );
    } finally {
      await context.close();
    }
  }
});

test('a dashboard bar opens the queue filtered by it', async () => {
  const { context, page } = await env.open(DESKTOP);
  try {
    await login(page, ADMIN);
    await page.goto('/dashboard');
    const chart = page.getByTestId('chart-overdue-by-unit').or(page.getByTestId('chart-open-by-level')).first();
    const canvas = chart.locator('canvas');
    await canvas.waitFor();
    await page.waitForTimeout(1200);
    const box = (await canvas.boundingBox())!;
    // The first bar of a horizontal chart is its top row, just right of the axis labels.
    await page.mouse.click(box.x + 140, box.y + 16 + 20);
    await page.waitForURL(/\/\?.*(unitId|level)=/);
    await page.getByTestId('queue-table').waitFor();
  } finally {
    await context.close();
  }
});

test('bulk dispatch sends the selected qualified complaints of one unit to one department', async () => {
  const { context, page } = await env.open(DESKTOP);
  try {
    await login(page, AGENT);
    const ids: string[] = [];
    for (const title of ['电梯按钮失灵', '电梯运行异响']) {
      const created = await apiAs<{ id: string }>(page, '/complaints', {
        method: 'POST',
        body: {
          unitId: 'u-prop-jx',
          channel: 'phone',
          customer: { name: '业主', phone: '13700000001' },
          title,
          content: `${title}，请尽快检修。`,
        },
      });
      assert.equal(created.status, 201);
      assert.equal(
        (await apiAs(page, `/complaints/${created.body.id}/actions`, { method: 'POST', body: { type: 'qualify', result: 'valid' } }))
          .status,
        200,
      );
      ids.push(created.body.id);
    }
    await page.goto('/?status=qualified&unitId=u-prop-jx&sort=received');
    for (const id of ids) await page.locator(`[data-row="${id}"] input[type="checkbox"]`).check();
    const bar = page.getByTestId('bulk-dispatch');
    await chooseOption(page, bar, '派往部门', '工程维修部');
    await bar.getByRole('button', { name: '批量派单' }).click();
    await page.getByText('成功派单 2 条，失败 0 条').waitFor();
    for (const id of ids) {
      const { body } = await apiAs<{ status: string; leadDepartmentId: string }>(page, `/complaints/${id}`);
      assert.equal(body.status, 'dispatched');
      assert.equal(body.leadDepartmentId, 'u-prop-jx-eng');
    }
  } finally {
    await context.close();
  }
});

test('#19: the console offers reports only to roles the server lets read them (a department handler has no 报表 entry)', async () => {
  const { context, page } = await env.open(DESKTOP);
  try {
    await login(page, 'handler@plaint.demo');
    await page.getByRole('link', { name: '投诉队列' }).waitFor();
    assert.equal(await page.getByRole('link', { name: '报表' }).count(), 0, 'no reports entry for a handler');
    const me = await apiAs<{ capabilities: string[] }>(page, '/me');
    assert.ok(!me.body.capabilities.includes('report.read'));
    const refused = await apiAs<unknown>(page, '/reports/periodic?nodeId=co-re&kind=monthly&period=2026-11-15');
    assert.equal(refused.status, 403);
  } finally {
    await context.close();
  }
  const manager = await env.open(DESKTOP);
  try {
    await login(manager.page, 'manager@plaint.demo');
    await manager.page.getByRole('link', { name: '报表' }).waitFor();
  } finally {
    await manager.context.close();
  }
});

test('#20: the main menu folds the entries that do not fit into "…", whose list leads to them', async () => {
  const { context, page } = await env.open(DESKTOP);
  try {
    await login(page, ADMIN);
    const nav = page.getByRole('navigation', { name: '主菜单' });
    const visibleEntries = () => nav.locator(':scope > a:visible').count();
    await page.getByTestId('queue-table').locator('[data-row]').first().waitFor();
    // The administrator's fourteen entries do not fit beside the brand and the user's tools at 1366 px.
    const all = await nav.locator(':scope > a').count();
    const shown = await visibleEntries();
    assert.equal(all, 14, 'every entry the administrator may open is in the page');
    assert.ok(shown > 3 && shown < all, `some entries folded (${shown} of ${all} shown)`);
    assert.equal(await nav.getByRole('link', { name: '投诉队列' }).getAttribute('aria-current'), 'page');
    const row = await nav.boundingBox();
    const last = await nav.locator(':scope > a:visible').last().boundingBox();
    assert.ok(row && last && last.x + last.width <= row.x + row.width, 'the shown entries end inside the row');

    const more = nav.getByRole('button', { name: '更多' });
    await more.click();
    assert.equal(await more.getAttribute('aria-expanded'), 'true');
    await page.keyboard.press('Escape');
    assert.equal(await more.getAttribute('aria-expanded'), 'false', 'Escape closes the list');
    await more.click();
    await nav.locator('.console-nav-popup').getByRole('link', { name: '组织架构' }).click();
    await page.waitForURL((u) => u.pathname === '/org');
    await nav.locator('.console-nav-popup').waitFor({ state: 'detached' });
    // "…" marks the current page when that is folded into it.
    await nav.locator('.console-nav-more > button.console-nav-selected').waitFor();

    // A wider window shows more of them.
    await page.setViewportSize({ width: 1920, height: 1000 });
    await page.waitForFunction((n) => document.querySelectorAll('nav.console-nav > a:not([hidden])').length > n, shown);
  } finally {
    await context.close();
  }
});

/**
 * Issue #14, items 1 and 2 in the browser: a user given a position through the API sees, after a major
 * complaint at one of the company's units, the bell's unread count and the bulletin in the inbox; marking
 * it read lowers the bell without a reload; the entry links to its complaint. The administrator sees the
 * position nobody holds on the dashboard. Screenshots: the bell, the inbox page, the dashboard's list.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { useServerAndBrowser } from './harness.ts';
import { ADMIN, DESKTOP, PHONE, apiAs, login, screenshot } from './browser.ts';

const env = useServerAndBrowser();
const HOLDER = 'inbox-holder@plaint.demo';
const HOLDER_PASSWORD = 'holder-password-2026';

/** The bell's unread count as shown (0 when antd shows no badge). */
async function bellCount(page: Page): Promise<number> {
  const badge = page.locator('.console-user .ant-badge .ant-scroll-number');
  if (!(await badge.count())) return 0;
  return Number((await badge.first().getAttribute('title')) ?? 0);
}

test('issue #14: the position holder sees the bell count and the bulletin in the inbox; mark read lowers the bell; the admin sees the unaddressed position', async () => {
  const admin = await env.open(DESKTOP);
  let complaint: { id: string; code: string };
  try {
    await login(admin.page, ADMIN);
    const created = await apiAs<{ id: string }>(admin.page, '/users', {
      method: 'POST',
      body: {
        email: HOLDER,
        name: '公司负责人 周明',
        role: 'manager',
        orgNodeId: 'co-re',
        password: HOLDER_PASSWORD,
        positions: [{ positionId: 'company', orgNodeId: 'co-re' }],
      },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const res = await apiAs<{ id: string; code: string; level: string }>(admin.page, '/complaints', {
      method: 'POST',
      body: {
        unitId: 'u-re-garden',
        channel: 'phone',
        customer: { name: '业主 陈先生', phone: '13912340001' },
        title: '外墙瓷砖脱落砸坏车辆，已被电视台报道',
        content: '3栋外墙瓷砖脱落，砸坏停在楼下的车辆，电视台已报道。',
        flags: { media: true },
      },
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.level, 'major');
    complaint = res.body;

    // Nobody holds 集团客户协调中心: the administrator receives it, and the dashboard lists the gap.
    await admin.page.goto('/dashboard');
    const gaps = admin.page.getByTestId('dashboard-unaddressed');
    await gaps.getByText('集团客户协调中心').first().waitFor();
    await screenshot(admin.page, 'dashboard-unaddressed-positions');
  } finally {
    await admin.context.close();
  }

  const { context, page } = await env.open(DESKTOP);
  try {
    await login(page, HOLDER, HOLDER_PASSWORD);
    await page.waitForFunction(
      () => Number(document.querySelector('.console-user .ant-badge .ant-scroll-number')?.getAttribute('title') ?? 0) > 0,
    );
    const before = await bellCount(page);
    assert.equal(before, 2, 'the bulletin and the weekly progress report owed on a major complaint (R-NT-1)');
    await screenshot(page, 'inbox-bell');

    await page.getByTestId('inbox-bell').click();
    await page.waitForURL('**/inbox');
    // In the console's language: the rule's Chinese subject (the notification stores the English one).
    const bulletin = page.getByTestId('inbox-item').filter({ hasText: '重大投诉即时通报' });
    await bulletin.waitFor();
    assert.ok((await bulletin.innerText()).includes('公司负责人'), 'names the position it came through');
    assert.equal(await page.getByTestId('inbox-unaddressed').count(), 0, 'held: not unaddressed');
    await page.locator('[data-testid="inbox-list"] .ant-spin-spinning').waitFor({ state: 'detached' });
    await page.mouse.move(600, 600); // no tooltip over the page
    await page.waitForTimeout(800); // the tooltip's and the page's fade animations end
    await screenshot(page, 'inbox-page');

    await bulletin.getByTestId('inbox-mark-read').click();
    await page.waitForFunction(
      (n) => Number(document.querySelector('.console-user .ant-badge .ant-scroll-number')?.getAttribute('title') ?? 0) === n,
      before - 1,
    );
    assert.equal(await bulletin.getAttribute('data-read'), 'true');

    // The kind filter, then the link to the complaint.
    await page.getByTestId('inbox-kind').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '进展快报' }).click();
    // The unfiltered list (which held this item too) stays until the filtered answer replaces it: wait
    // for the list to hold just the one kind, rather than reading it while the old one is shown.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="inbox-item"]').length === 1);
    await page.getByTestId('inbox-item').filter({ hasText: '重大投诉快报' }).waitFor();
    assert.equal(await page.getByTestId('inbox-item').count(), 1);
    await page.getByTestId('inbox-item').getByRole('link', { name: '查看投诉' }).click();
    await page.waitForURL(`**/complaints/${complaint.id}`);
    await page.getByText(complaint.code).first().waitFor();
    await page.waitForFunction(
      () =>
        !document.querySelector('.console-user .ant-badge .ant-scroll-number') ||
        document.querySelector('.console-user .ant-badge .ant-scroll-number')?.getAttribute('title') === '0',
    );
  } finally {
    await context.close();
  }

  // On a phone the inbox stays usable.
  const phone = await env.open(PHONE);
  try {
    await login(phone.page, HOLDER, HOLDER_PASSWORD);
    await phone.page.goto('/inbox');
    await phone.page.getByTestId('inbox-item').first().waitFor();
    await phone.page.locator('[data-testid="inbox-list"] .ant-spin-spinning').waitFor({ state: 'detached' });
    await phone.page.waitForTimeout(800);
    await screenshot(phone.page, 'inbox-page');
  } finally {
    await phone.context.close();
  }
});

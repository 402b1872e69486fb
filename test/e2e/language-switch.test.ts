/** Journey (d): the English switch changes the whole UI, antd's own texts included, and is remembered. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser } from './harness.ts';
import { AGENT, DEMO_PASSWORD, DESKTOP, PHONE, screenshot } from './browser.ts';

const env = useServerAndBrowser();

test('the English switch changes the console language and survives a reload', async () => {
  const { context, page } = await env.open(DESKTOP);
  try {
    await page.goto('/');
    await page.getByText('登录控制台').waitFor();
    await page.getByTestId('language-switch').getByText('English').click();
    await page.getByText('Console login').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en-US');
    await page.getByLabel('E-mail').fill(AGENT);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('link', { name: 'Queue' }).waitFor();
    await page.getByTestId('queue-table').locator('[data-row]').first().waitFor();
    // The filter bar (with the sort order) is drawn after the rows (#20).
    await page.locator('.queue-filters-place .ant-select').first().waitFor();
    const text = await page.locator('body').innerText();
    for (const word of ['Log a complaint', 'Dashboard', 'Nearest due first', 'Log out']) assert.ok(text.includes(word), `shows '${word}'`);
    for (const word of ['投诉队列', '登记投诉', '退出登录', '时限最近优先'])
      assert.ok(!text.includes(word), `no Chinese UI text '${word}' left`);
    await screenshot(page, 'queue-english');

    await page.reload();
    await page.getByRole('link', { name: 'Queue' }).waitFor();
    await page.goto('/intake');
    await page.getByTestId('intake-form').getByRole('button', { name: 'Log complaint' }).click();
    // antd's own validation wording follows the locale too.
    await page.locator('.ant-form-item-explain-error', { hasText: 'This field is required' }).first().waitFor();

    await page.getByTestId('language-switch').getByText('中文').click();
    await page.getByRole('link', { name: '投诉队列' }).waitFor();
  } finally {
    await context.close();
  }
});

test('the portal switches to English on a phone', async () => {
  const { context, page } = await env.open(PHONE);
  try {
    await page.goto('/portal');
    await page.getByTestId('portal-submit-form').waitFor();
    await page.getByTestId('language-switch').getByText('English').click();
    await page.getByRole('button', { name: 'Send complaint' }).click();
    await page.locator('.plain-problem', { hasText: 'This field is required' }).first().waitFor();
    await page.getByRole('tab', { name: 'Track' }).click();
    await page.getByLabel('Tracking code').fill('TS-00000000-0000');
    await page.getByLabel('Secret').fill('not-the-secret');
    await page.getByRole('button', { name: 'Track' }).last().click();
    await page.getByText('Wrong code or secret').waitFor();
    await screenshot(page, 'portal-english');
  } finally {
    await context.close();
  }
});

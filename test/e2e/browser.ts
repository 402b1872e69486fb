/** Debian's Chromium driven by playwright-core, with the screenshots and the steps the journeys share. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from './server.ts';

export const DESKTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };
export const DEMO_PASSWORD = 'plaint-demo';
export const AGENT = 'agent@plaint.demo';
export const ADMIN = 'admin@plaint.demo';

/** The demo organisation works in China; the browser shows and enters times in this zone. */
export const TIME_ZONE = 'Asia/Shanghai';

const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh context (empty localStorage: Chinese, logged out) whose page errors fail loudly in the log. */
export async function newPage(browser: Browser, viewport: { width: number; height: number }, baseUrl: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, baseURL: baseUrl, locale: 'zh-CN', timezoneId: TIME_ZONE });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[browser pageerror] ${e.message}`));
  page.setDefaultTimeout(15_000);
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const { width } = page.viewportSize() ?? DESKTOP;
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
}

export async function login(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/');
  // Generous: under a loaded machine the first page, and /api/me deciding there is no session, can be slow.
  await page.getByLabel('电子邮箱').fill(email, { timeout: 30_000 });
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.locator('.console-header').waitFor();
}

/** Picks an option of the antd Select labelled `label` (inside `scope` when given). */
export async function chooseOption(page: Page, scope: Page | ReturnType<Page['locator']>, label: string, option: string): Promise<void> {
  await scope.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

/**
 * Calls the API with the console's cookie session (the browser sends the httpOnly cookie; unsafe methods
 * carry the readable plaint_csrf cookie as x-csrf-token), for checking the server's record.
 */
export async function apiAs<T>(page: Page, path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ path, init }) => {
      const csrf = document.cookie
        .split(';')
        .map((c) => c.trim().split('='))
        .find(([name]) => name === 'plaint_csrf')?.[1];
      const method = init.method ?? 'GET';
      const r = await fetch(`/api${path}`, {
        method,
        credentials: 'same-origin',
        headers: {
          ...(method !== 'GET' && csrf ? { 'x-csrf-token': decodeURIComponent(csrf) } : {}),
          ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      });
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) : null };
    },
    { path, init },
  ) as Promise<{ status: number; body: T }>;
}

/** 'YYYY-MM-DD HH:mm' of an instant in TIME_ZONE, the format the console's date pickers take. */
export function localMinute(d: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** The page fits the viewport's width: nothing makes the whole page scroll sideways. */
export async function assertNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal page scrolling (overflow ${overflow}px)`);
}

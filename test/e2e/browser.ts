/** A Chromium driven by playwright-core, with the screenshots and the steps the journeys share. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { underLock } from './dir-lock.ts';
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

const COMMON_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/**
 * The tests' browser runs scripts without V8's optimising compilers (TurboFan, Maglev). A test page lives for
 * seconds: the optimising compilers' work on background threads (the console's ~1 MB of script, compiled afresh
 * in every new context) rarely paid back before the page was gone, and on a 2-core machine it was taken from the
 * tests. console-pages alone, 4 runs each: 79 s of CPU with them, 66 s without. What a script does is the same
 * either way. The bench (`full`) keeps the browser a person runs, with every compiler.
 */
const TEST_ONLY_ARGS = ['--js-flags=--no-opt --no-maglev'];
const DEBIAN_CHROMIUM = '/usr/bin/chromium';
/**
 * Debian's package chromium-headless-shell: the same Blink and V8 without the desktop browser around them.
 * Chromium's own headless mode runs the whole browser, with a renderer for its (unseen) window's WebUI and
 * a GPU process emulating a GPU in software; on this 2-core machine the shell took a quarter less CPU for the
 * same browser-test file (console-pages: 81 → 61 s of CPU, 54 → 46 s of wall time). Playwright itself drives
 * a headless shell by default.
 */
const DEBIAN_HEADLESS_SHELL = '/usr/lib/chromium/chromium-headless-shell';

/**
 * Which Chromium the browser tests drive, decided here only:
 *   1. CHROMIUM_PATH, when set;
 *   2. Debian's headless shell, when installed (unless `full`), else Debian's /usr/bin/chromium;
 *   3. otherwise the one the @sparticuz/chromium npm package carries in its tarball, so that on a machine
 *      with only Node 20 `npm install && npm test` still has a browser (no download beyond the npm registry).
 * PLAINT_TEST_BROWSER=packaged skips 1 and 2 and forces the packaged one (to prove it works).
 * `full`: the whole browser a person runs, never the shell: what the web bench times (bench/web.ts).
 */
export async function launchBrowser(opts: { full?: boolean } = {}): Promise<Browser> {
  const forced = process.env.PLAINT_TEST_BROWSER;
  if (forced !== undefined && forced !== '' && forced !== 'packaged' && forced !== 'system') {
    throw new Error(`PLAINT_TEST_BROWSER=${forced}: expected "packaged" or "system"`);
  }
  if (forced !== 'packaged') {
    const debian = !opts.full && fs.existsSync(DEBIAN_HEADLESS_SHELL) ? DEBIAN_HEADLESS_SHELL : DEBIAN_CHROMIUM;
    const executablePath = process.env.CHROMIUM_PATH ?? (fs.existsSync(debian) || forced === 'system' ? debian : undefined);
    if (executablePath) return chromium.launch({ executablePath, args: opts.full ? COMMON_ARGS : [...COMMON_ARGS, ...TEST_ONLY_ARGS] });
  }
  return launchPackagedChromium(opts.full ?? false);
}

/**
 * @sparticuz/chromium's headless shell (pinned to 143.0.4, the newest whose `engines` accept Node 20), unpacked
 * to the temp directory on first use. The binary links NSS and expat; the package carries those libraries
 * too (al2023.tar.br, meant for AWS Lambda), so they are unpacked beside it and given to the browser
 * process alone through LD_LIBRARY_PATH, so that a machine without them still runs it. Without system fonts
 * (no /etc/fonts) it uses the package's fonts, which have no CJK glyphs: screenshots then show Chinese as blanks
 * or boxes, while the tests, which read text from the DOM, still pass.
 */
async function launchPackagedChromium(full: boolean): Promise<Browser> {
  const { default: packaged } = await import('@sparticuz/chromium');
  const bin = path.join(path.dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium')), '..', '..', 'bin');
  // Test files run in parallel processes: the package unpacks to a fixed path and takes any file there as
  // done, so a second process could start a half-written binary. One unpacks under a lock; a binary left
  // without our marker (a run killed while unpacking) is unpacked again.
  const { executablePath, libDir } = await underLock(path.join(os.tmpdir(), 'plaint-chromium-unpack.lock'), async () => {
    const ready = path.join(os.tmpdir(), 'plaint-chromium.ready');
    const binary = path.join(os.tmpdir(), 'chromium');
    if (fs.existsSync(binary) && fs.readFileSync(ready, { encoding: 'utf8', flag: 'a+' }) !== String(fs.statSync(binary).size))
      fs.rmSync(binary, { force: true });
    const executablePath = await packaged.executablePath();
    fs.writeFileSync(ready, String(fs.statSync(executablePath).size));
    return { executablePath, libDir: unpackTar(path.join(bin, 'al2023.tar.br'), path.join(os.tmpdir(), 'plaint-chromium-al2023')) };
  });
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  env.LD_LIBRARY_PATH = [path.join(libDir, 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  if (!fs.existsSync('/etc/fonts/fonts.conf')) env.FONTCONFIG_PATH = path.join(os.tmpdir(), 'fonts');
  // Not the package's Lambda flags (--single-process, --disable-web-security…): the tests want an ordinary browser.
  return chromium.launch({ executablePath, args: [...COMMON_ARGS, ...(full ? [] : TEST_ONLY_ARGS), '--no-zygote'], env, headless: true });
}

/** Unpacks a brotli-compressed tar of regular files into `dir` once (a marker file says it is complete). */
function unpackTar(file: string, dir: string): string {
  const done = path.join(dir, '.complete');
  if (fs.existsSync(done)) return dir;
  const tar = zlib.brotliDecompressSync(fs.readFileSync(file));
  const staging = fs.mkdtempSync(`${dir}-`);
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const field = (from: number, len: number) =>
      header
        .subarray(from, from + len)
        .toString('utf8')
        .replace(/\0.*$/s, '');
    const name = (field(345, 155) ? `${field(345, 155)}/` : '') + field(0, 100);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1) || '0';
    const target = path.join(staging, name);
    if (!target.startsWith(staging + path.sep)) throw new Error(`unsafe path in ${file}: ${name}`);
    if (type === '5') fs.mkdirSync(target, { recursive: true });
    else if (type === '0') {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, tar.subarray(at + 512, at + 512 + size), { mode: 0o755 });
    }
    at += 512 + Math.ceil(size / 512) * 512;
  }
  fs.writeFileSync(path.join(staging, '.complete'), '');
  try {
    fs.renameSync(staging, dir);
  } catch {
    // Another test file unpacked it first.
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return dir;
}

/** A fresh context (empty localStorage: Chinese, logged out) whose page errors fail loudly in the log. */
export async function newPage(
  browser: Browser,
  viewport: { width: number; height: number },
  baseUrl: string,
): Promise<{ context: BrowserContext; page: Page }> {
  // Reduced motion (the console honours the preference): no test waits out an enter or leave animation before its click.
  const context = await browser.newContext({ viewport, baseURL: baseUrl, locale: 'zh-CN', timezoneId: TIME_ZONE, reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[browser pageerror] ${e.message}`));
  page.setDefaultTimeout(15_000);
  return { context, page };
}

/**
 * Writes test-results/screenshots/<name>-<width>.png, a full-page picture for people to look at (no test reads
 * it). PLAINT_SCREENSHOTS=off skips it: `.ci/run` sets it for its PostgreSQL pass, which draws the same pages
 * as the PGlite pass before it and would only write the same pictures again (~0.5 s of CPU each, ~80 a pass).
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.PLAINT_SCREENSHOTS === 'off') return;
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
  const list = page.locator('.ant-select-dropdown:visible').first();
  const item = list.locator('.ant-select-item-option', { hasText: option }).first();
  await scope.getByLabel(label, { exact: true }).click();
  // Every select chosen here is single: choosing closes its list. On a loaded machine a click can land while
  // the list is still moving in and choose nothing; the open list then covers what the test clicks next
  // (seen once: a modal's OK button, 15 s of "intercepts pointer events"). So click until the list closes.
  for (let attempt = 1; ; attempt++) {
    await item.click();
    const closed = await list.waitFor({ state: 'hidden', timeout: 3000 }).then(
      () => true,
      () => false,
    );
    if (closed) return;
    if (attempt === 3) throw new Error(`choosing "${option}" in "${label}" left its list open after ${attempt} clicks`);
  }
}

/**
 * Calls the API with the console's cookie session (the browser sends the httpOnly cookie; unsafe methods
 * carry the readable plaint_csrf cookie as x-csrf-token), for checking the server's record.
 */
export async function apiAs<T>(
  page: Page,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<{ status: number; body: T }> {
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
    new Intl.DateTimeFormat('en-CA', {
      timeZone: TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
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

/**
 * A first screen drawn without Ant Design (#20): the scripts fetched before the page set its `mark` (what the
 * screen waited for), and the Ant Design components and run-time styles on the page.
 */
export async function firstScreenWeight(
  page: Page,
  mark: string,
): Promise<{ shown: boolean; scripts: { path: string; bytes: number }[]; scriptBytes: number; antElements: number; antStyles: number }> {
  const seen = await page.evaluate((name) => {
    const shownAt = performance.getEntriesByName(name)[0]?.startTime ?? null;
    return {
      shown: shownAt !== null,
      scripts: performance
        .getEntriesByType('resource')
        .map((e) => e as PerformanceResourceTiming)
        .filter((e) => new URL(e.name).pathname.endsWith('.js'))
        .filter((e) => e.startTime < (shownAt ?? Infinity))
        .map((e) => ({ path: new URL(e.name).pathname, bytes: e.encodedBodySize })),
      antElements: document.querySelectorAll('[class^="ant-"], [class*=" ant-"]').length,
      antStyles: document.querySelectorAll('style[data-css-hash], style[data-token-hash], style[data-rc-order]').length,
    };
  }, mark);
  return { ...seen, scriptBytes: seen.scripts.reduce((sum, s) => sum + s.bytes, 0) };
}

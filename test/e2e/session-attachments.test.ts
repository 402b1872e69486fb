/**
 * The console's cookie session (docs/SECURITY.md): no token in localStorage, an httpOnly session cookie,
 * a reload stays logged in, logout returns to the login page and ends the session on the server.
 * Attachments on the complaint page: an image with its thumbnail, a PDF as a download link, and the
 * server's 415 shown next to the upload button.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { useServerAndBrowser } from './harness.ts';
import { AGENT, DESKTOP, PHONE, apiAs, assertNoHorizontalScroll, login, screenshot } from './browser.ts';

const env = useServerAndBrowser();

test('cookie session: a reload stays logged in, logout returns to the login page', async () => {
  const { context, page } = await env.open(DESKTOP);
  try {
    await login(page, AGENT);
    assert.equal(await page.evaluate(() => localStorage.getItem('plaint.token')), null, 'no bearer token in localStorage');
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'plaint_session');
    assert.ok(session, 'a session cookie');
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, 'Strict');
    assert.ok(
      cookies.find((c) => c.name === 'plaint_csrf' && !c.httpOnly),
      'a readable CSRF cookie',
    );

    // An unsafe request without the CSRF header is refused; with it, it passes (apiAs sends it).
    const noCsrf = await page.evaluate(
      async () =>
        (
          await fetch('/api/auth/tokens', {
            method: 'POST',
            credentials: 'same-origin',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ name: 'x' }),
          })
        ).status,
    );
    assert.ok(noCsrf === 401 || noCsrf === 403, `no CSRF header → refused (${noCsrf})`);

    await page.reload();
    await page.locator('.console-header').waitFor();
    await page.getByTestId('queue-table').waitFor();
    assert.equal((await apiAs<{ user: { email: string } }>(page, '/me')).body.user.email, AGENT);

    await page.getByTestId('logout').click();
    await page.getByLabel('电子邮箱').waitFor();
    assert.equal((await apiAs(page, '/me')).status, 401, 'the session ended on the server');
    await page.reload();
    await page.getByLabel('电子邮箱').waitFor();
    assert.equal(await page.locator('.console-header').count(), 0);
  } finally {
    await context.close();
  }
});

/** A real PNG drawn by the browser, so the thumbnail has something to show. */
async function pngBytes(page: Page): Promise<Buffer> {
  const b64 = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 160;
    c.height = 100;
    const g = c.getContext('2d')!;
    g.fillStyle = '#1f5fbf';
    g.fillRect(0, 0, 160, 100);
    g.fillStyle = '#ffd666';
    g.fillRect(20, 20, 60, 60);
    return c.toDataURL('image/png').split(',')[1]!;
  });
  return Buffer.from(b64, 'base64');
}

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

for (const viewport of [DESKTOP, PHONE]) {
  test(`attachments: upload an image and a PDF, preview, and a refused file at ${viewport.width}`, async () => {
    const { context, page } = await env.open(viewport);
    try {
      await login(page, AGENT);
      const list = await apiAs<{ items: { id: string }[] }>(page, '/complaints?unitId=u-re-garden&limit=5');
      const id = list.body.items[viewport === DESKTOP ? 0 : 1]!.id;
      await page.goto(`/complaints/${id}`);
      const card = page.getByTestId('attachments');
      await card.waitFor();
      const input = card.locator('input[type="file"]');

      const uploaded = page.waitForResponse((r) => r.url().endsWith('/attachments') && r.request().method() === 'POST');
      await input.setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: await pngBytes(page) });
      assert.equal((await uploaded).status(), 201);
      const thumb = card.locator('[data-testid="attachment"] img').first();
      await thumb.waitFor();
      await page.waitForFunction(
        (el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0,
        await thumb.elementHandle(),
      );

      await input.setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: PDF });
      const link = card.getByTestId('attachment-download');
      await link.waitFor();
      const href = (await link.getAttribute('href'))!;
      const served = await page.evaluate(async (u) => {
        const r = await fetch(u, { credentials: 'same-origin' });
        return { type: r.headers.get('content-type'), disposition: r.headers.get('content-disposition') };
      }, href);
      assert.equal(served.type, 'application/pdf');
      assert.match(served.disposition ?? '', /^attachment/);

      await input.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('just text, not evidence') });
      const error = card.getByTestId('attachment-error');
      await error.waitFor();
      assert.match(await error.innerText(), /文件未被接受.*JPEG/);
      assert.equal(await card.getByTestId('attachment').count(), 2);

      // The upload is in the complaint's log (the timeline reloads after an upload).
      await page.locator('[data-event="attachment_added"]').first().waitFor();
      await card.scrollIntoViewIfNeeded();
      await screenshot(page, 'complaint-attachments');
      await assertNoHorizontalScroll(page);
    } finally {
      await context.close();
    }
  });
}

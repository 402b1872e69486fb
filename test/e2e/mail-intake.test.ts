/**
 * Issue #14 item 6, judged end to end: a real server process (PLAINT_IMAP_POLL_MS=1000) polls a mailbox
 * added on its API, a message appended to a real IMAP server (a private dovecot) becomes a complaint well
 * within a minute, a malformed one is listed with its reason on the console's 邮件受理 page, and the
 * mailbox's password is never shown. Screenshot of the page.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser } from './harness.ts';
import { ADMIN, DESKTOP, apiAs, login, screenshot } from './browser.ts';
import { startDovecot, skipWithoutDovecot, type Dovecot } from '../mail/dovecot.ts';
import { rawMail } from '../mail/messages.ts';

const skip = skipWithoutDovecot();
// The server polls every second instead of every 30.
const env = useServerAndBrowser({ env: { PLAINT_IMAP_POLL_MS: '1000' } });
let imap: Dovecot | undefined;
before(async () => {
  if (!skip) imap = await startDovecot();
});
after(async () => imap?.close());

test('issue #14 item 6: a message appended to a unit’s mailbox becomes a complaint within a minute; a malformed one is listed with its reason; the password is never shown', {
  skip,
}, async () => {
  const { context, page } = await env.open(DESKTOP);
  try {
    await login(page, ADMIN);
    const box = await apiAs<{ id: string }>(page, '/mailboxes', {
      method: 'POST',
      body: { unitId: 'u-re-garden', url: imap!.url('INBOX') },
    });
    assert.equal(box.status, 201);
    await imap!.append('INBOX', 'Message-ID: <broken@example.com>\r\nSubject: broken\r\n\r\nno sender here');
    const started = Date.now();
    await imap!.append(
      'INBOX',
      rawMail({
        from: 'owner@example.com',
        fromName: '业主陈先生',
        subject: '电梯停运三天',
        text: '5栋电梯停运三天无人维修。',
        date: new Date().toUTCString(),
      }),
    );
    let created: { outcome: string; complaintId: string | null }[] = [];
    while (created.length === 0 && Date.now() - started < 60_000) {
      await new Promise((r) => setTimeout(r, 500));
      created = (await apiAs<typeof created>(page, '/mail-intake?outcome=created')).body;
    }
    assert.equal(created.length, 1, 'taken within a minute');
    const complaint = await apiAs<{ title: string; channel: string }>(page, `/complaints/${created[0].complaintId}`);
    assert.deepEqual([complaint.body.title, complaint.body.channel], ['电梯停运三天', 'email']);

    await page.goto('/settings/mail-intake');
    const boxes = page.getByTestId('mailboxes-table');
    await boxes.getByText('城市花园项目').waitFor();
    assert.ok(!(await page.content()).includes(imap!.password), 'the password is not on the page');
    await page.getByTestId('mail-rejected-table').getByText('no sender address').waitFor();
    await screenshot(page, 'mail-intake-settings');
  } finally {
    await context.close();
  }
});

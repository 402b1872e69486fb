/**
 * Issue #14 item 6: the e-mail intake's variables are checked at start-up with the others, and an IMAP
 * URL gives host, port, TLS, credentials and folder as written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { parseImapUrl } from '../../src/mail/imap-mailbox.ts';

function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    return e.problems;
  }
}

test('issue #14 item 6: PLAINT_IMAP_URL and PLAINT_IMAP_UNIT go together, the URL is imap:// or imaps://, the poll interval is a number', () => {
  const ok = loadConfig({ PLAINT_IMAP_URL: 'imap://u:p@mail.example.com:143/INBOX', PLAINT_IMAP_UNIT: 'u-re-garden' });
  assert.deepEqual([ok.imapUrl, ok.imapUnit, ok.imapPollMs], ['imap://u:p@mail.example.com:143/INBOX', 'u-re-garden', 30000]);
  assert.equal(loadConfig({}).imapUrl, null);
  assert.equal(loadConfig({ PLAINT_IMAP_POLL_MS: '0' }).imapPollMs, 0);
  assert.deepEqual(problems({ PLAINT_IMAP_URL: 'imaps://u:p@mail.example.com/INBOX' }), [
    'PLAINT_IMAP_URL and PLAINT_IMAP_UNIT must be set together',
  ]);
  const three = problems({ PLAINT_IMAP_URL: 'pop3://mail.example.com', PLAINT_IMAP_UNIT: 'u', PLAINT_IMAP_POLL_MS: 'soon', PORT: 'x' });
  assert.equal(three.length, 3, three.join('; '));
  assert.ok(three.some((p) => p.startsWith('PLAINT_IMAP_URL must start with imap:// or imaps://')));
  assert.ok(three.some((p) => p.startsWith('PLAINT_IMAP_POLL_MS')));
});

test('issue #14 item 6: an IMAP URL names host, port (143 / 993 by default), TLS, user, password (percent-decoded) and folder', () => {
  assert.deepEqual(parseImapUrl('imap://user%40example.com:p%40ss@mail.example.com/%E6%8A%95%E8%AF%89'), {
    host: 'mail.example.com',
    port: 143,
    secure: false,
    user: 'user@example.com',
    pass: 'p@ss',
    folder: '投诉',
  });
  assert.deepEqual(parseImapUrl('imaps://u:p@imap.qq.com'), {
    host: 'imap.qq.com',
    port: 993,
    secure: true,
    user: 'u',
    pass: 'p',
    folder: 'INBOX',
  });
  assert.equal(parseImapUrl('imap://u:p@h:1143/INBOX').port, 1143);
  assert.throws(() => parseImapUrl('http://h/'), /imap:\/\/ or imaps:\/\//);
});

/**
 * #20 "the login page loads only what login needs": the console's login form is drawn without Ant Design, so a
 * handler on a phone waits for React and the form, not for a component library's runtime; and it still checks
 * what is typed as the Ant Design form did (required fields, an e-mail's shape, a refused sign-in).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser } from './harness.ts';
import { AGENT, DESKTOP, PHONE, firstScreenWeight, screenshot } from './browser.ts';

const env = useServerAndBrowser();

/** The #20 budget for login + queue is 450 KB of script; the login form alone must stay well inside it. */
const LOGIN_SCRIPT_BUDGET = 150 * 1024;

test('the login form comes without Ant Design and within its share of the script budget (#20)', async () => {
  const { context, page } = await env.open(PHONE);
  try {
    await page.goto('/');
    await page.getByLabel('电子邮箱').waitFor();
    // What was asked for before the form was on screen; Ant Design's core is fetched after it, while the
    // handler types (login-page.tsx), and is not the form's to wait for.
    const seen = await firstScreenWeight(page, 'plaint:login-form-shown');
    assert.ok(seen.shown, 'the form marks when it was shown');
    assert.ok(seen.scripts.length > 0, 'the page loaded its scripts');
    assert.ok(
      seen.scriptBytes < LOGIN_SCRIPT_BUDGET,
      `script transferred for the login form: ${seen.scriptBytes} bytes (${seen.scripts.map((s) => s.path).join(', ')})`,
    );
    assert.equal(seen.antElements, 0, 'no Ant Design component on the login page');
    assert.equal(seen.antStyles, 0, 'no Ant Design styles written at run time on the login page');
  } finally {
    await context.close();
  }
});

test('the login form names what is missing or wrong, and says when the sign-in is refused', async () => {
  const { context, page } = await env.open(DESKTOP);
  try {
    await page.goto('/');
    const email = page.getByLabel('电子邮箱');
    const password = page.getByLabel('密码', { exact: true });
    await email.waitFor();
    assert.equal(
      await page.evaluate(() => document.activeElement?.getAttribute('autocomplete')),
      'username',
      'the cursor starts in the e-mail',
    );

    await page.getByRole('button', { name: '登录' }).click();
    assert.equal(await page.getByText('此项必填').count(), 2, 'both empty fields say they are required');
    assert.equal(await email.getAttribute('aria-invalid'), 'true');

    await email.fill('not-an-email');
    await page.getByText('请输入有效的电子邮箱').waitFor();
    await email.fill(AGENT);
    assert.equal(await page.getByText('请输入有效的电子邮箱').count(), 0, 'a good address clears the message');

    await password.fill('not the password');
    await page.getByRole('button', { name: '显示明文' }).click();
    assert.equal(await password.getAttribute('type'), 'text', 'the eye shows what was typed');
    await page.getByRole('button', { name: '隐藏明文' }).click();
    assert.equal(await password.getAttribute('type'), 'password');

    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').getByText('邮箱或密码不正确').waitFor();
    await screenshot(page, 'login-refused');
    assert.equal(page.url(), `${env.server.baseUrl}/`, 'still on the login page');
  } finally {
    await context.close();
  }
});

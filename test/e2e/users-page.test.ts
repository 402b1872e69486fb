/**
 * Issue #16 item 3: the users console page (人员管理). An administrator creates a user by invitation,
 * copies the one-time link; the invited person opens it in a browser of their own, sets the password
 * twice and is signed in, then signs in again with it. The administrator disables that user, and
 * unlocks another one whose e-mail real failed logins locked. Screenshots of each step.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser } from './harness.ts';
import { ADMIN, DESKTOP, apiAs, login, screenshot } from './browser.ts';

const env = useServerAndBrowser();
const PASSWORD = 'my own phrase 2026';

test('#16 item 3: invite → accept in a new browser → sign in; disable; unlock', async () => {
  const admin = await env.open(DESKTOP);
  const { page } = admin;
  try {
    await login(page, ADMIN);
    // The menu offers the page to holders of users.manage (a wide menu folds the last entries into "…").
    assert.ok((await page.locator('.console-menu a[href="/settings/users"]').count()) > 0, 'menu entry 人员管理');
    await page.goto('/settings/users');
    const table = page.getByTestId('users-table');
    await table.getByText('admin@plaint.demo').waitFor();
    await screenshot(page, 'users-page');

    // Create by invitation (the default): the link is shown once, to copy.
    await page.getByTestId('user-add').click();
    await page.getByTestId('user-email').fill('xin.tongshi@plaint.demo');
    await page.getByTestId('user-name').fill('新同事');
    await screenshot(page, 'users-create-invite');
    await page.getByTestId('user-save').click();
    const linkBox = page.getByTestId('account-link');
    await linkBox.waitFor();
    const url = await linkBox.inputValue();
    assert.match(url, /\/invite#token=[A-Za-z0-9_%-]{40,}$/);
    await screenshot(page, 'users-invite-link');
    await page.locator('.ant-modal-close').click();
    await table.getByTestId('user-state-xin.tongshi@plaint.demo').filter({ hasText: '待接受邀请' }).waitFor();

    // The invited person, in a browser of their own: the page reads the fragment, asks twice.
    const invitee = await env.open(DESKTOP);
    try {
      const link = new URL(url);
      await invitee.page.goto(link.pathname + link.hash);
      await invitee.page.getByTestId('invite-password').fill(PASSWORD);
      await invitee.page.getByTestId('invite-confirm').fill(`${PASSWORD}!`);
      await invitee.page.getByTestId('invite-submit').click();
      await invitee.page.getByText('两次输入的密码不一致').waitFor();
      await invitee.page.getByTestId('invite-confirm').fill(PASSWORD);
      await screenshot(invitee.page, 'invite-set-password');
      await invitee.page.getByTestId('invite-submit').click();
      await invitee.page.locator('.console-header').waitFor();
      const me = await apiAs<{ user: { email: string } }>(invitee.page, '/me');
      assert.equal(me.body.user.email, 'xin.tongshi@plaint.demo', 'signed in as the invited user');
      await screenshot(invitee.page, 'invite-signed-in');
    } finally {
      await invitee.context.close();
    }
    const again = await env.open(DESKTOP);
    try {
      await login(again.page, 'xin.tongshi@plaint.demo', PASSWORD);
    } finally {
      await again.context.close();
    }

    // A position: a node, then one of the positions its pack declares.
    await page.reload();
    const row = table.locator('tr', { hasText: 'xin.tongshi@plaint.demo' });
    await row.getByTestId('user-state-xin.tongshi@plaint.demo').filter({ hasText: '正常' }).waitFor();
    await row.getByRole('button', { name: '编辑人员' }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByRole('button', { name: '添加岗位' }).click();
    const option = (text: string) => page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first();
    await drawer.locator('#positions_0_orgNodeId').click();
    await page.keyboard.type('城市花园');
    await option('城市花园项目').click();
    await drawer.locator('#positions_0_positionId').click();
    await option('公司负责人').click();
    await screenshot(page, 'users-edit-position');
    await page.getByTestId('user-save').click();
    await row.getByText('公司负责人 @ 城市花园项目').waitFor();

    // Disable: confirmed, the row says so; the account can no longer sign in.
    await row.getByRole('button', { name: /停\s*用/ }).click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await row.getByTestId('user-state-xin.tongshi@plaint.demo').filter({ hasText: '已停用' }).waitFor();
    await screenshot(page, 'users-disabled');

    // Unlock: real failed logins lock an account's e-mail; the page shows it and clears it.
    const created = await apiAs<{ id: string }>(page, '/users', {
      method: 'POST',
      body: { email: 'suo.ding@plaint.demo', name: '被锁定的人', role: 'agent', orgNodeId: 'u-re-garden', password: PASSWORD },
    });
    assert.equal(created.status, 201);
    const tryLogin = (password: string) =>
      page.evaluate(
        async (p) =>
          (
            await fetch('/api/auth/login', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ email: 'suo.ding@plaint.demo', password: p }),
            })
          ).status,
        password,
      );
    for (let i = 0; i < 5; i++) assert.equal(await tryLogin(`wrong guess ${i}`), 401);
    assert.equal(await tryLogin(PASSWORD), 429, 'locked even for the right password');
    await page.reload();
    await page.getByTestId('users-search').locator('input').fill('suo.ding');
    const locked = table.locator('tr', { hasText: 'suo.ding@plaint.demo' });
    await locked.getByTestId('user-state-suo.ding@plaint.demo').filter({ hasText: '已锁定' }).waitFor();
    await screenshot(page, 'users-locked');
    await locked.getByRole('button', { name: '解除锁定' }).click();
    await locked.getByTestId('user-state-suo.ding@plaint.demo').filter({ hasText: '正常' }).waitFor();
    assert.equal(await tryLogin(PASSWORD), 200, 'the owner signs in again');
    await screenshot(page, 'users-unlocked');

    // Their tokens: the list and where tokens come from.
    await locked.getByRole('button', { name: 'API 令牌' }).click();
    await page.getByTestId('user-tokens').waitFor();
    await page.getByText('令牌只能由本人创建').waitFor();
    await screenshot(page, 'users-tokens');
  } finally {
    await admin.context.close();
  }
});

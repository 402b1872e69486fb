/**
 * Issue #14 console: the channel settings page (list, add / edit form per kind with the secret never
 * pre-filled), the delivery failures page, and the complaint page's 通知与送达 section, with screenshots.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser } from './harness.ts';
import { ADMIN, DESKTOP, apiAs, login, screenshot } from './browser.ts';

const env = useServerAndBrowser();

test('issue #14: the channel settings page lists channels without their secrets; the edit form never pre-fills one', async () => {
  const { context, page } = await env.open(DESKTOP);
  try {
    await login(page, ADMIN);
    const channels = [
      {
        companyId: 'co-re',
        kind: 'dingtalk',
        name: '客服中心钉钉群',
        url: 'http://127.0.0.1:9/robot/send?access_token=demo-token',
        secret: 'SEC-e2e-secret',
        levels: ['hot', 'major'],
      },
      {
        companyId: 'co-re',
        kind: 'wecom',
        name: '地产公司企业微信群',
        url: 'http://127.0.0.1:9/cgi-bin/webhook/send?key=demo-key',
        kinds: ['bulletin'],
      },
      {
        companyId: 'co-re',
        kind: 'feishu',
        name: '飞书通知群',
        url: 'http://127.0.0.1:9/open-apis/bot/v2/hook/demo',
        secret: 'feishu-e2e',
      },
      { companyId: 'co-re', kind: 'webhook', name: 'OA 系统', url: 'http://127.0.0.1:9/oa/hook', secret: 'hmac-e2e' },
      { companyId: 'co-re', kind: 'email', name: '公司邮件服务器', url: 'smtp://mailer:pw-e2e@127.0.0.1:9' },
    ];
    for (const c of channels) assert.equal((await apiAs(page, '/channels', { method: 'POST', body: c })).status, 201);
    await page.goto('/settings/channels');
    const table = page.getByTestId('channels-table');
    await table.getByText('客服中心钉钉群').waitFor();
    const text = await table.innerText();
    for (const secret of ['SEC-e2e-secret', 'demo-token', 'demo-key', 'pw-e2e', 'hmac-e2e'])
      assert.ok(!text.includes(secret), `${secret} is not shown`);
    await screenshot(page, 'channel-settings');

    await table.locator('tr', { hasText: '客服中心钉钉群' }).getByRole('button', { name: '编辑渠道' }).click();
    const secretInput = page.locator('.ant-modal input[type="password"]');
    await secretInput.waitFor();
    assert.equal(await secretInput.inputValue(), '', 'the secret field is never pre-filled');
    await screenshot(page, 'channel-settings-edit');
    // antd spaces a two-character button label (取 消): close the dialog with its × instead.
    await page.locator('.ant-modal-close').click();
    await secretInput.waitFor({ state: 'detached' });

    // A major complaint at the company's unit: its notifications and their delivery state on its page.
    const created = await apiAs<{ id: string }>(page, '/complaints', {
      method: 'POST',
      body: {
        unitId: 'u-re-garden',
        channel: 'phone',
        customer: { name: '王芳', phone: '13800001234' },
        title: '业主集体投诉地下车库渗水',
        content: '十余户业主集体反映地下车库渗水。',
        complainantCount: 12,
      },
    });
    assert.equal(created.status, 201);
    await page.goto(`/complaints/${created.body.id}`);
    const section = page.getByTestId('notification-deliveries');
    await section.getByText('钉钉机器人').first().waitFor();
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'complaint-notifications-delivery');

    await page.goto('/settings/outbox');
    await page.getByTestId('outbox-table').waitFor();
    await screenshot(page, 'delivery-failures');
  } finally {
    await context.close();
  }
});

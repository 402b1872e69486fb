/**
 * #20 "the same for the portal's first screen (customers use phones)": the portal's complaint form is drawn
 * without Ant Design, so a customer's phone waits for React and the form, not for a component library; and it
 * still checks what is typed before anything is sent (R-IN-1's fields, R-IN-5's way to reach the customer), keeps
 * the evidence files within the limits it states (R-IN-2), and keeps what was typed while the tracking tab is open.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser } from './harness.ts';
import { PHONE, firstScreenWeight, screenshot } from './browser.ts';

const env = useServerAndBrowser();

/** The portal's own share: the form alone, as the login form's, well inside the 450 KB the console may use. */
const PORTAL_SCRIPT_BUDGET = 150 * 1024;

const PNG_1X1 = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cf00000301010018dd8db40000000049454e44ae426082',
  'hex',
);

test("the portal's complaint form comes without Ant Design and within its script budget (#20)", async () => {
  const { context, page } = await env.open(PHONE);
  try {
    await page.goto('/portal');
    const form = page.getByTestId('portal-submit-form');
    await form.waitFor();
    const seen = await firstScreenWeight(page, 'plaint:portal-form-shown');
    assert.ok(seen.shown, 'the form marks when it was shown');
    assert.ok(seen.scripts.length > 0, 'the page loaded its scripts');
    assert.ok(
      seen.scriptBytes < PORTAL_SCRIPT_BUDGET,
      `script transferred for the portal's form: ${seen.scriptBytes} bytes (${seen.scripts.map((s) => s.path).join(', ')})`,
    );
    assert.equal(seen.antElements, 0, 'no Ant Design component on the first screen');
    assert.equal(seen.antStyles, 0, 'no Ant Design styles written at run time on the first screen');
    // The units open to the portal arrive after the form, into the native select a phone shows as its picker.
    await form.getByLabel('投诉对象（门店 / 项目）').locator('option', { hasText: '客户服务中心热线' }).waitFor({ state: 'attached' });
  } finally {
    await context.close();
  }
});

test('R-IN-1, R-IN-2, R-IN-5: the portal form names what is missing or wrong before it sends anything', async () => {
  const { context, page } = await env.open(PHONE);
  const sent: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname.startsWith('/api/portal/')) sent.push(new URL(r.url()).pathname);
  });
  try {
    await page.goto('/portal');
    const form = page.getByTestId('portal-submit-form');
    await form.waitFor();

    await form.getByRole('button', { name: '提交投诉' }).click();
    assert.equal(await form.getByText('此项必填').count(), 4, 'the unit, the name, the summary and the account say they are required');
    await form.getByText('请至少填写电话或电子邮箱中的一项').waitFor();
    assert.equal(await form.getByLabel('您的称呼').getAttribute('aria-invalid'), 'true');
    await screenshot(page, 'portal-form-problems');

    const phone = form.getByLabel('手机或电话');
    await phone.fill('12345');
    await form.getByText('请输入有效的电话号码（手机、座机或 400/800 号码）').waitFor();
    await phone.fill('13912345678');
    assert.equal(await form.getByText('请输入有效的电话号码').count(), 0, 'a good number clears the message');
    assert.equal(await form.getByText('请至少填写电话或电子邮箱中的一项').count(), 0, 'a number is a way to reach the customer');
    await form.getByLabel('电子邮箱').fill('lin@');
    await form.getByText('请输入有效的电子邮箱').waitFor();
    await form.getByLabel('电子邮箱').fill('');

    // R-IN-2: evidence within the stated limits; a file over 10 MB is refused by name, not dropped silently.
    await form.locator('input[type=file]').setInputFiles([
      { name: 'receipt.png', mimeType: 'image/png', buffer: PNG_1X1 },
      { name: 'video-still.png', mimeType: 'image/png', buffer: Buffer.alloc(10 * 1024 * 1024 + 1) },
    ]);
    await form.getByText('文件“video-still.png”超过 10 MB，未添加').waitFor();
    assert.deepEqual(await form.locator('.portal-file-name').allTextContents(), ['receipt.png']);
    await form.getByRole('button', { name: '删除 receipt.png' }).click();
    assert.equal(await form.locator('.portal-file-name').count(), 0, 'a chosen file can be taken back');

    // What was typed survives a look at the tracking tab (reached by keyboard, as the tabs pattern has it).
    await form.getByLabel('一句话概括').fill('加油卡充值未到账');
    await page.getByRole('tab', { name: '我要投诉' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.getByTestId('portal-track-form').waitFor();
    assert.equal(await page.getByRole('tab', { name: '查询进度' }).getAttribute('aria-selected'), 'true');
    await page.getByRole('tab', { name: '我要投诉' }).click();
    assert.equal(await form.getByLabel('一句话概括').inputValue(), '加油卡充值未到账');
    assert.deepEqual(sent, [], 'nothing was sent while the form had problems');
  } finally {
    await context.close();
  }
});

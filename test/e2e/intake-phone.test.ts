/**
 * Journey (b), R-IN-2: a phone complaint is logged after the call, with a received-at earlier than now;
 * the record keeps that instant, and the form refuses a received-at in the future, next to the field.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser } from './harness.ts';
import { AGENT, DESKTOP, PHONE, apiAs, chooseOption, localMinute, login, screenshot } from './browser.ts';

const env = useServerAndBrowser();

async function setPicker(input: import('playwright-core').Locator, value: string): Promise<void> {
  await input.click();
  await input.press('ControlOrMeta+a');
  await input.pressSequentially(value);
  await input.press('Enter');
}

test('R-IN-2: a phone complaint is logged with an earlier received-at through the intake form', async () => {
  const { context, page } = await env.open(DESKTOP);
  try {
    await login(page, AGENT);
    await page.goto('/intake');
    const form = page.getByTestId('intake-form');
    await form.waitFor();

    // Submitting the empty form shows the errors next to the fields, in Chinese.
    await form.getByRole('button', { name: /登\s*记/ }).click();
    await form.locator('.ant-form-item-explain-error', { hasText: '此项必填' }).first().waitFor();

    await chooseOption(page, form, '投诉单位', '城市花园项目');
    await chooseOption(page, form, '受理渠道', '电话');
    const receivedAtInput = form.getByLabel('受理时间');
    const now = new Date();
    const future = new Date(now.getTime() + 5 * 60_000);
    if (localMinute(future).slice(0, 10) === localMinute(now).slice(0, 10)) {
      await setPicker(receivedAtInput, localMinute(future));
      await form.locator('.ant-form-item-explain-error', { hasText: '受理时间不能晚于当前时间' }).waitFor();
    }
    const receivedAt = new Date(Math.floor((now.getTime() - 3 * 3600_000) / 60_000) * 60_000);
    await setPicker(receivedAtInput, localMinute(receivedAt));
    await form.getByLabel('客户姓名').fill('赵先生');
    await chooseOption(page, form, '客户类型', '业主');
    await form.getByLabel('联系电话').fill('13811112222');
    await form.getByLabel('投诉标题').fill('地下车库入口积水严重');
    await form.getByLabel('投诉内容（事情经过）').fill('昨晚下雨后地下车库入口积水约二十厘米，车辆无法进出。');
    await form.getByLabel('客户诉求').fill('尽快疏通排水并说明原因');
    await form.getByLabel('投诉人数').fill('2');
    await form.getByLabel('事发地点').fill('3 栋地下车库入口');
    await screenshot(page, 'intake-filled');

    await form.getByRole('button', { name: /登\s*记/ }).click();
    await page.waitForURL(/\/complaints\/[0-9a-f-]+$/);
    await page.getByTestId('complaint-code').waitFor();
    const id = page.url().split('/').pop()!;
    const { body } = await apiAs<{ receivedAt: string; createdAt: string; channel: string; customer: { phone: string } }>(
      page,
      `/complaints/${id}`,
    );
    assert.equal(body.receivedAt, receivedAt.toISOString(), 'received-at is the time of the call, not of logging');
    assert.ok(Date.parse(body.createdAt) > Date.parse(body.receivedAt));
    assert.equal(body.channel, 'phone');
    assert.equal(body.customer.phone, '13811112222');
    assert.ok((await page.locator('body').innerText()).includes(`受理于 ${localMinute(receivedAt)}`));
    await screenshot(page, 'intake-created');

    // The same customer calling again: the intake form lists the earlier complaint by phone.
    await page.goto('/intake');
    await page.getByTestId('intake-form').getByLabel('联系电话').fill('13811112222');
    await page.getByTestId('customer-history').getByText('地下车库入口积水严重').waitFor();
  } finally {
    await context.close();
  }
});

test('the intake form fits a phone screen', async () => {
  const { context, page } = await env.open(PHONE);
  try {
    await login(page, AGENT);
    await page.goto('/intake');
    await page.getByTestId('intake-form').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling (overflow ${overflow}px)`);
    await screenshot(page, 'intake');
  } finally {
    await context.close();
  }
});

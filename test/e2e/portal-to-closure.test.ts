/**
 * Journey (a): a customer files a complaint in the portal (phone layout) and follows it while an agent
 * works it in the console (desktop): qualify → dispatch → acknowledge → report → reply; the customer
 * confirms the reply in the portal; the agent records the return visit and closes; the portal shows closed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser } from './harness.ts';
import { AGENT, DESKTOP, PHONE, apiAs, chooseOption, login, screenshot } from './browser.ts';
import { statusOf, takeAction } from './complaint-actions.ts';

const env = useServerAndBrowser();

test('R-LC-2, R-IN-5: a portal complaint is tracked to closure while an agent works it in the console', async () => {
  const customer = await env.open(PHONE);
  const agent = await env.open(DESKTOP);
  try {
    const portal = customer.page;
    await portal.goto('/portal');
    const submitForm = portal.getByTestId('portal-submit-form');
    await submitForm.waitFor();
    await screenshot(portal, 'portal-submit');
    await submitForm.getByLabel('投诉对象（门店 / 项目）').selectOption({ label: '客户服务中心热线' });
    await submitForm.getByLabel('您的称呼').fill('林女士');
    await submitForm.getByLabel('手机或电话').fill('13912345678');
    await submitForm.getByLabel('一句话概括').fill('宽带报修三天无人上门');
    await submitForm.getByLabel('发生了什么').fill('周一报修宽带故障，约定周二上门，至今无人联系。');
    await submitForm.getByLabel('您的诉求').fill('尽快上门修复并说明原因');
    // R-IN-2: a photo of the evidence goes with the complaint (a 1×1 PNG is enough to prove the path).
    await submitForm.locator('input[type=file]').setInputFiles({
      name: 'modem.png',
      mimeType: 'image/png',
      buffer: Buffer.from(
        '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cf00000301010018dd8db40000000049454e44ae426082',
        'hex',
      ),
    });
    await submitForm.getByRole('button', { name: '提交投诉' }).click();
    await portal.getByTestId('portal-submitted').waitFor();
    await portal.getByTestId('portal-photos-uploaded').waitFor();
    const code = (await portal.getByTestId('portal-code').textContent())!.trim();
    const secret = (await portal.getByTestId('portal-secret').textContent())!.trim();
    assert.match(code, /\S+/);
    assert.ok(secret.length >= 16, 'a secret long enough not to be guessed');
    await screenshot(portal, 'portal-submitted');
    await portal.getByRole('button', { name: '现在查询进度' }).click();
    await portal.getByTestId('portal-track-result').waitFor();
    assert.equal(await portal.getByTestId('portal-status').getAttribute('data-status'), 'received');

    const page = agent.page;
    await login(page, AGENT);
    await page.getByPlaceholder('搜索标题、内容、编号或电话').fill(code);
    await page.getByPlaceholder('搜索标题、内容、编号或电话').press('Enter');
    await page.getByRole('link', { name: code }).click();
    await page.getByTestId('complaint-code').waitFor();
    await screenshot(page, 'complaint-received');

    await takeAction(page, 'qualify');
    assert.equal(await statusOf(page), 'qualified');
    await takeAction(page, 'dispatch', (form) => chooseOption(page, form, '责任部门', '技术支持部'));
    assert.equal(await statusOf(page), 'dispatched');
    await takeAction(page, 'acknowledge');
    await takeAction(page, 'report', async (form) => {
      await form.getByLabel('原因').fill('派单系统未将工单推送给片区维修人员。');
      await form.getByLabel('事情经过').fill('周一受理报修，工单停留在待派状态，周四客户投诉后发现。');
      await form.getByLabel('责任人').fill('调度班组');
      await form.getByLabel('结论').fill('投诉属实，责任在我方。');
      await form.getByLabel('整改措施').fill('当日上门修复，向客户致歉。');
      await form.getByLabel('预防措施').fill('待派工单超过 4 小时自动提醒调度长。');
    });
    assert.equal(await statusOf(page), 'investigated');
    await takeAction(page, 'reply', (form) =>
      form.getByLabel('答复内容').fill('您好，故障已于今日修复，因派单延误给您带来不便，深表歉意。'),
    );
    assert.equal(await statusOf(page), 'replied');
    await screenshot(page, 'complaint-replied');

    // The customer sees the reply and confirms it.
    await portal.getByRole('button', { name: /查\s*询/ }).click();
    await portal.getByTestId('portal-reply').waitFor();
    const portalText = await portal.getByTestId('portal-track-result').innerText();
    assert.ok(!portalText.includes('客服专员'), 'no handler names in the portal (R-LC-5)');
    assert.ok(!portalText.includes('派单系统未将工单'), 'no internal investigation report in the portal (R-LC-5)');
    await screenshot(portal, 'portal-replied');
    await portal.getByRole('button', { name: '认可答复' }).click();
    await portal.locator('[data-testid="portal-status"][data-status="confirmed"]').waitFor();

    await page.reload();
    await page.getByTestId('complaint-code').waitFor();
    assert.equal(await statusOf(page), 'confirmed');
    await takeAction(page, 'visit', async (form) => {
      await form.locator('.ant-rate-star').nth(3).click();
      await form.getByLabel('客户意见').fill('客户表示满意');
    });
    assert.equal(await statusOf(page), 'visited');
    await takeAction(page, 'close');
    assert.equal(await statusOf(page), 'closed');
    await screenshot(page, 'complaint-closed');

    await portal.getByRole('button', { name: /查\s*询/ }).click();
    await portal.locator('[data-testid="portal-status"][data-status="closed"]').waitFor();
    await screenshot(portal, 'portal-closed');
  } finally {
    await customer.context.close();
    await agent.context.close();
  }
});

test('R-LC-2: the customer rates the handling in the portal only with the explicit submit button', async () => {
  const customer = await env.open(PHONE);
  const agent = await env.open(DESKTOP);
  try {
    const submitted = await fetch(`${env.server.baseUrl}/api/portal/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        unitId: 'u-rest-zs',
        customer: { name: '郑先生', phone: '13600001111' },
        title: '上菜太慢',
        content: '等了四十分钟才上第一道菜。',
      }),
    });
    assert.equal(submitted.status, 201);
    const creds = (await submitted.json()) as { code: string; secret: string };

    await login(agent.page, AGENT);
    const list = await apiAs<{ items: { id: string }[] }>(agent.page, `/complaints?q=${encodeURIComponent(creds.code)}`);
    const id = list.body.items[0].id;
    const steps = [
      { type: 'qualify', result: 'valid' },
      { type: 'dispatch', leadDepartmentId: 'u-rest-zs-kitchen' },
      { type: 'acknowledge' },
      {
        type: 'report',
        cause: '厨房备餐不足',
        sequence: '晚高峰订单集中',
        responsible: '厨师长',
        conclusion: '属实',
        countermeasures: '致歉并赠送果盘',
        prevention: '高峰增加备餐',
      },
      { type: 'reply', message: '非常抱歉让您久等，我们已调整高峰期备餐。' },
    ];
    for (const step of steps)
      assert.equal((await apiAs(agent.page, `/complaints/${id}/actions`, { method: 'POST', body: step })).status, 200, step.type);

    const portal = customer.page;
    await portal.goto(`/portal?code=${encodeURIComponent(creds.code)}`);
    await portal.getByLabel('查询密码').fill(creds.secret);
    await portal.getByRole('button', { name: /查\s*询/ }).click();
    await portal.getByRole('button', { name: '认可答复' }).click();
    const rateForm = portal.getByTestId('portal-rate-form');
    await rateForm.locator('.ant-rate-star').nth(4).click();
    const before = await apiAs<{ satisfaction: number | null }>(agent.page, `/complaints/${id}`);
    assert.equal(before.body.satisfaction, null, 'choosing stars alone records nothing');
    await rateForm.getByRole('button', { name: '提交评分' }).click();
    await portal.getByText('感谢您的评价').waitFor();
    await screenshot(portal, 'portal-rated');
    const after = await apiAs<{ satisfaction: number; status: string }>(agent.page, `/complaints/${id}`);
    assert.equal(after.body.satisfaction, 5);
    assert.equal(after.body.status, 'visited');
  } finally {
    await customer.context.close();
    await agent.context.close();
  }
});

/**
 * Issue #16 items 1, 2 and 5 in the browser, on an empty installation (no demo data): the console opens
 * the setup page instead of the login, the setup logs the new administrator in, the page is gone
 * afterwards; then the 组织架构 page adds a company and a unit, moves a unit, changes a pack with the
 * open-complaints question, opens a unit to the portal and disables it, with screenshots.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { useServerAndBrowser } from './harness.ts';
import { DESKTOP, apiAs, chooseOption, screenshot } from './browser.ts';

const env = useServerAndBrowser({ empty: true });

interface Node {
  id: string;
  name: string;
  kind: string;
  parentId: string | null;
  policyId: string | null;
  disabled: boolean;
  portal: boolean;
}
const nodes = async (page: Page) => (await apiAs<Node[]>(page, '/org-nodes')).body;
const nodeNamed = async (page: Page, name: string) => (await nodes(page)).find((n) => n.name === name)!;

async function dialogOk(page: Page): Promise<void> {
  await page.locator('.ant-modal:visible .ant-modal-footer .ant-btn-primary').click();
  await page
    .locator('.ant-modal:visible')
    .waitFor({ state: 'detached' })
    .catch(() => {});
}

test('#16 items 1, 2, 5: setup on an empty installation, then the organisation page adds, moves, opens and disables', async () => {
  const { context, page } = await env.open(DESKTOP);
  try {
    await page.goto('/');
    await page.waitForURL(/\/setup$/, { timeout: 30_000 });
    await page.getByTestId('setup-form').waitFor();
    await screenshot(page, 'setup-empty');

    await page.getByLabel('组织（集团）名称').fill('华南置业集团');
    await page.getByLabel('第一家公司名称').fill('华南置业地产有限公司');
    await chooseOption(page, page, '政策包', '万科投诉处理办法');
    await page.getByLabel('第一个单位（项目、门店、站点）名称').fill('滨海花园项目');
    await page.getByLabel('邮箱（登录名）').fill('chen.li@example.com');
    await page.getByLabel('姓名').fill('陈立');
    await page.getByLabel('密码').fill('a long setup phrase 7');
    await screenshot(page, 'setup-filled');
    await page.getByTestId('setup-submit').click();

    await page.waitForURL(/\/org$/, { timeout: 30_000 });
    await page.locator('.console-header').waitFor();
    await page.getByTestId('org-tree').waitFor();
    await page.getByText('滨海花园项目').first().waitFor();
    await screenshot(page, 'org-after-setup');

    const { needed, adminExists } = await page.evaluate(async () => (await fetch('/api/setup')).json());
    assert.deepEqual({ needed, adminExists }, { needed: false, adminExists: true });
    await page.goto('/setup');
    await page.waitForURL((u) => !u.pathname.startsWith('/setup'));
    await page.goto('/org');
    await page.getByTestId('org-tree').waitFor();

    // Add a company under the group.
    const group = await nodeNamed(page, '华南置业集团');
    await page.getByTestId(`org-tree-${group.id}`).click();
    await page.getByTestId('org-add-child').click();
    await page.getByTestId('org-name-input').fill('华南石油销售公司');
    await chooseOption(page, page.locator('.ant-modal:visible'), '政策包', '加油站投诉处理管理办法');
    await dialogOk(page);
    await page.getByText('华南石油销售公司').first().waitFor();
    const fuelCo = await nodeNamed(page, '华南石油销售公司');
    assert.equal(fuelCo.kind, 'company');
    assert.equal(fuelCo.policyId, 'fuel-retail');

    // Add a unit under it: it takes the company's pack.
    await page.getByTestId(`org-tree-${fuelCo.id}`).click();
    await page.getByTestId('org-add-child').click();
    await page.getByTestId('org-name-input').fill('滨江路加油站');
    await dialogOk(page);
    await page.getByText('滨江路加油站').first().waitFor();
    const station = await nodeNamed(page, '滨江路加油站');
    assert.equal(station.kind, 'unit');
    assert.equal(station.parentId, fuelCo.id);
    assert.equal(station.policyId, 'fuel-retail');
    await screenshot(page, 'org-added-company-and-unit');

    // Move the setup's unit under the new company.
    const garden = await nodeNamed(page, '滨海花园项目');
    await page.getByTestId(`org-tree-${garden.id}`).click();
    await page.getByTestId('org-move').click();
    await chooseOption(page, page.locator('.ant-modal:visible'), '上级', '华南石油销售公司');
    await dialogOk(page);
    await page.waitForFunction(
      async ({ id, parent }) => {
        const list = await (await fetch('/api/org-nodes')).json();
        return list.find((n: { id: string }) => n.id === id)?.parentId === parent;
      },
      { id: garden.id, parent: fuelCo.id },
    );
    await screenshot(page, 'org-moved');

    // A pack change on a unit with an open complaint asks what happens to its running clocks.
    const intake = await apiAs<{ id: string; policyId: string }>(page, '/complaints', {
      method: 'POST',
      body: {
        unitId: garden.id,
        channel: 'phone',
        customer: { name: '业主', phone: '13700006666' },
        title: '电梯噪音',
        content: '夜间噪音大',
      },
    });
    assert.equal(intake.status, 201, JSON.stringify(intake.body));
    await page.getByTestId(`org-tree-${garden.id}`).click();
    await page.getByTestId('org-change-pack').click();
    await chooseOption(page, page.locator('.ant-modal:visible'), '政策包', '物业重大客户投诉应急预案');
    await page.locator('.ant-modal:visible .ant-modal-footer .ant-btn-primary').click();
    const question = page.locator('.ant-modal-confirm', { hasText: '该单位有未结案的投诉' });
    await question.waitFor();
    await question.getByText('1 open complaint').waitFor();
    // The question opens over the pack dialog: let both animations settle before the picture.
    await page
      .locator('.ant-select-dropdown:visible')
      .waitFor({ state: 'hidden' })
      .catch(() => {});
    await page.waitForTimeout(500);
    await screenshot(page, 'org-pack-change-question');
    await question.getByRole('button', { name: '保留原计时，继续更换' }).click();
    await page.getByTestId('org-node-pack').getByText('物业重大客户投诉应急预案').waitFor();
    assert.equal((await nodeNamed(page, '滨海花园项目')).policyId, 'property');
    const kept = await apiAs<{ policyId: string }>(page, `/complaints/${intake.body.id}`);
    assert.equal(kept.body.policyId, 'real-estate', 'the open complaint keeps the pack it was received under');

    // Open the station to the portal, then disable it: it leaves the portal's list.
    await page.getByTestId(`org-tree-${station.id}`).click();
    await page.getByTestId('org-portal-switch').click();
    // The tree's tag, once the server has answered (the switch's own label says 门户开放 too).
    await page.getByTestId(`org-tree-${station.id}`).getByText('门户开放', { exact: true }).waitFor();
    const portal = async () =>
      page.evaluate(async () => (await (await fetch('/api/portal/units')).json()).map((u: { id: string }) => u.id));
    assert.deepEqual(await portal(), [station.id]);
    await page.getByTestId('org-toggle-disabled').click();
    await page.getByTestId('org-node-panel').getByText('已停用').waitFor();
    assert.equal((await nodeNamed(page, '滨江路加油站')).disabled, true);
    assert.deepEqual(await portal(), [], 'a disabled unit leaves the portal');
    await page.getByTestId('org-changes').getByText('修改').first().waitFor();
    await screenshot(page, 'org-disabled-with-log');

    const log = (await apiAs<{ action: string; after: Record<string, unknown> }[]>(page, `/org-nodes/${station.id}/changes`)).body;
    assert.deepEqual(
      log.map((c) => [c.action, c.after]),
      [
        ['update', { disabled: true }],
        ['update', { portal: true }],
        ['create', { name: '滨江路加油站', kind: 'unit', parentId: fuelCo.id, policyId: 'fuel-retail', disabled: false, portal: false }],
      ],
    );
  } finally {
    await context.close();
  }
});

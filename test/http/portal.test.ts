/**
 * The customers' portal (R-IN-5, R-LC-5): submit without logging in, track with code and secret,
 * confirm or dispute the reply, rate with an explicit submit; never see internal notes or handlers.
 * The test owns its organisation (test/helpers/factories.ts): a service-centre hotline with two
 * departments, worked by a service-centre agent at its company.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildDepartments, buildUnit, buildUser, type Node, type Unit, type User } from '../helpers/factories.ts';

let t: TestApp;
let hotline: Unit;
let general: Node, tech: Node;
let agent: User;
before(async () => {
  t = await createTestApp({ now: '2026-11-24T02:00:00.000Z' });
  hotline = await buildUnit(t, { pack: 'service-centre', settings: { portal: true } });
  [general, tech] = await buildDepartments(t, hotline, ['综合业务部', '技术支持部']);
  agent = await buildUser(t, { role: 'agent', orgNodeId: hotline.companyId });
});
after(async () => t.close());

/** As the service centre's agent. */
const asAgent = (method: 'GET' | 'POST', url: string, body?: unknown) => t.api(method, url, body, { as: agent });

const post = (url: string, payload: unknown) => t.app.inject({ method: 'POST', url, payload: payload as never });

async function work(id: string, steps: Record<string, unknown>[]) {
  for (const s of steps) {
    const r = await asAgent('POST', `/api/complaints/${id}/actions`, s);
    assert.equal(r.statusCode, 200, `${s.type}: ${r.body}`);
  }
}

test('R-IN-5/R-LC-5: a portal complaint is tracked to closure while the service centre works it, and internals never leak', async () => {
  const units = (await t.app.inject({ method: 'GET', url: '/api/portal/units' })).json();
  assert.ok(units.some((u: { id: string }) => u.id === hotline.id));
  const sub = await post('/api/portal/complaints', {
    unitId: hotline.id,
    customer: { name: '华女士', phone: '13866660001' },
    title: '退款申请超过十五天未到账',
    content: '10月30日申请退款，至今未到账。',
    demands: '尽快退款',
  });
  assert.equal(sub.statusCode, 201, sub.body);
  const { code, secret } = sub.json();
  assert.match(code, /^TS-/);
  assert.ok(secret.length >= 20, 'the secret carries at least 128 bits');

  const wrong = await post('/api/portal/track', { code, secret: 'guess' });
  assert.equal(wrong.statusCode, 404, 'a wrong secret looks like an unknown code');

  let tracked = (await post('/api/portal/track', { code, secret })).json();
  assert.equal(tracked.status, 'received');
  assert.equal(tracked.reply, null);

  const list = (await asAgent('GET', `/api/complaints?q=${code}`)).json();
  const id = list.items[0].id;
  assert.equal(list.items[0].channel, 'web');
  await work(id, [
    { type: 'note', text: '内部备注：客户情绪激动，财务部王主管负责', internal: true },
    { type: 'qualify', result: 'valid' },
    { type: 'dispatch', leadDepartmentId: general.id },
    { type: 'acknowledge' },
    {
      type: 'report',
      cause: '财务系统批处理失败',
      sequence: '10月30日申请，批处理异常',
      responsible: '财务部 王主管',
      conclusion: '有效',
      countermeasures: '人工补发退款',
      prevention: '增加批处理监控',
    },
    { type: 'reply', message: '您的退款已于今日重新发起，预计1个工作日内到账。' },
  ]);
  tracked = (await post('/api/portal/track', { code, secret })).json();
  assert.equal(tracked.status, 'replied');
  assert.equal(tracked.reply.message, '您的退款已于今日重新发起，预计1个工作日内到账。');
  assert.equal(tracked.canConfirm, true);
  const raw = JSON.stringify(tracked);
  assert.ok(!raw.includes('内部备注'), 'internal notes never reach the customer');
  assert.ok(!raw.includes('王主管'), 'handler names and the internal report never reach the customer');
  assert.ok(!raw.includes('批处理'), 'the investigation report is internal');

  const earlyRate = await post('/api/portal/rate', { code, secret, score: 5 });
  assert.equal(earlyRate.statusCode, 409, 'a rating before confirmation is refused');
  const confirmed = (await post('/api/portal/confirm', { code, secret })).json();
  assert.equal(confirmed.status, 'confirmed');
  assert.equal(confirmed.canRate, true);
  const badScore = await post('/api/portal/rate', { code, secret, score: 9 });
  assert.equal(badScore.statusCode, 400);
  assert.equal(badScore.json().error.field, 'score');
  const rated = (await post('/api/portal/rate', { code, secret, score: 5, comment: '处理及时' })).json();
  assert.equal(rated.status, 'visited');
  assert.equal(rated.satisfaction, 5);
  await work(id, [{ type: 'close' }]);
  tracked = (await post('/api/portal/track', { code, secret })).json();
  assert.equal(tracked.status, 'closed');
  assert.deepEqual(
    tracked.timeline.map((e: { type: string }) => e.type),
    ['received', 'qualified', 'dispatched', 'replied', 'confirmed', 'visited', 'closed'],
  );
});

test('R-LC-3: the customer disputes the reply in the portal; the complaint returns to investigation as a repeat', async () => {
  const { code, secret } = (
    await post('/api/portal/complaints', {
      unitId: hotline.id,
      customer: { name: '金先生', email: 'jin@example.com' },
      title: 'APP无法登录',
      content: '升级后一直提示网络错误。',
    })
  ).json();
  const id = (await asAgent('GET', `/api/complaints?q=${code}`)).json().items[0].id;
  await work(id, [
    { type: 'qualify', result: 'valid' },
    { type: 'dispatch', leadDepartmentId: tech.id },
    { type: 'acknowledge' },
    {
      type: 'report',
      cause: '证书过期',
      sequence: '升级后',
      responsible: '技术部',
      conclusion: '有效',
      countermeasures: '更新证书',
      prevention: '证书到期监控',
    },
    { type: 'reply', message: '已修复，请重新登录。' },
  ]);
  const noReason = await post('/api/portal/dispute', { code, secret });
  assert.equal(noReason.statusCode, 400);
  const disputed = (await post('/api/portal/dispute', { code, secret, reason: '仍然无法登录' })).json();
  assert.equal(disputed.status, 'acknowledged');
  const staff = (await asAgent('GET', `/api/complaints/${id}`)).json();
  assert.equal(staff.repeatCount, 1);
});

test('portal input is validated and guessing secrets is rate limited', async () => {
  const bad = await post('/api/portal/complaints', { unitId: hotline.id, customer: { name: 'x', phone: '123' }, title: 't', content: 'c' });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error.field, 'customer.phone');
  const noUnit = await post('/api/portal/complaints', {
    unitId: 'u-none',
    customer: { name: 'x', phone: '13800000000' },
    title: 't',
    content: 'c',
  });
  assert.equal(noUnit.statusCode, 404);
  const statuses: number[] = [];
  for (let i = 0; i < 30; i++)
    statuses.push((await post('/api/portal/track', { code: 'TS-20261124-9999', secret: `guess-${i}` })).statusCode);
  assert.ok(statuses.includes(429), 'repeated guesses are slowed down');
  assert.ok(statuses.every((s) => s === 404 || s === 429));
});

/** A multipart body with text fields first and one file part, as a browser's FormData sends it. */
function multipart(fields: Record<string, string>, file: { name: string; type: string; bytes: Buffer }) {
  const boundary = '----plaint-test-boundary';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

// The smallest valid PNG: signature, IHDR, IDAT, IEND.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cf00000301010018dd8db40000000049454e44ae426082',
  'hex',
);

test('R-IN-2: the customer adds photos to a portal complaint with code and secret; only images and PDF are taken', async () => {
  t.clock.advance(120_000); // past the guessing test's rate-limit window
  const { code, secret } = (
    await post('/api/portal/complaints', {
      unitId: hotline.id,
      customer: { name: '陶先生', phone: '13866660009' },
      title: '门店地面湿滑摔倒',
      content: '门口地面有水无警示牌。',
    })
  ).json();
  const ok = await t.app.inject({
    method: 'POST',
    url: '/api/portal/attachments',
    ...multipart({ code, secret }, { name: 'floor.png', type: 'image/png', bytes: PNG }),
  });
  assert.equal(ok.statusCode, 201, ok.body);
  assert.equal(ok.json().mime, 'image/png');
  const wrongSecret = await t.app.inject({
    method: 'POST',
    url: '/api/portal/attachments',
    ...multipart({ code, secret: 'nope' }, { name: 'x.png', type: 'image/png', bytes: PNG }),
  });
  assert.equal(wrongSecret.statusCode, 404);
  const text = await t.app.inject({
    method: 'POST',
    url: '/api/portal/attachments',
    ...multipart({ code, secret }, { name: 'photo.png', type: 'image/png', bytes: Buffer.from('not really an image') }),
  });
  assert.equal(text.statusCode, 415, 'content decides, not the name or the declared type');
  const id = (await asAgent('GET', `/api/complaints?q=${code}`)).json().items[0].id;
  const list = (await asAgent('GET', `/api/complaints/${id}/attachments`)).json();
  assert.equal(list.length, 1);
  assert.equal(list[0].mime, 'image/png');
  const events = (await asAgent('GET', `/api/complaints/${id}/events`)).json();
  assert.ok(events.some((e: { type: string }) => e.type === 'attachment_added'));
});

test('R-IN-2: the portal takes at most 6 files per complaint, also when 15 arrive at once (the cap is counted in the writing transaction)', async () => {
  t.clock.advance(120_000); // a fresh rate-limit window: 15 uploads are under its 20 tries a minute
  const { code, secret } = (
    await post('/api/portal/complaints', {
      unitId: hotline.id,
      customer: { name: '冯女士', phone: '13866660011' },
      title: '收银台多收费用',
      content: '小票金额与实际不符。',
    })
  ).json();
  // Fifteen different photos (the bytes differ, so none is a copy of another), sent together.
  const uploads = Array.from({ length: 15 }, (_, i) =>
    t.app.inject({
      method: 'POST',
      url: '/api/portal/attachments',
      ...multipart({ code, secret }, { name: `receipt-${i}.png`, type: 'image/png', bytes: Buffer.concat([PNG, Buffer.from([i])]) }),
    }),
  );
  const statuses = (await Promise.all(uploads)).map((r) => r.statusCode).sort();
  assert.deepEqual(statuses, [...Array(6).fill(201), ...Array(9).fill(409)], `statuses: ${statuses.join(',')}`);
  const id = (await asAgent('GET', `/api/complaints?q=${code}`)).json().items[0].id;
  const list = (await asAgent('GET', `/api/complaints/${id}/attachments`)).json();
  assert.equal(list.length, 6, 'exactly six files are stored');
  const events = (await asAgent('GET', `/api/complaints/${id}/events`)).json() as { type: string }[];
  assert.equal(events.filter((e) => e.type === 'attachment_added').length, 6, 'and six attachment_added events logged');
  const late = await t.app.inject({
    method: 'POST',
    url: '/api/portal/attachments',
    ...multipart({ code, secret }, { name: 'one-more.png', type: 'image/png', bytes: PNG }),
  });
  assert.equal(late.statusCode, 409);
  assert.match(late.json().error.message, /at most 6 files/);
});

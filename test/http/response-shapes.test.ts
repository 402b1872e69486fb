/**
 * The complaint routes' response schemas (src/http/routes/complaint.response.ts) against real answers:
 * the routes send what the presenter builds (SERIALIZE_AS_IS), so the schemas, from which the web app's
 * types are generated, are held true here rather than by a serializer that would drop or coerce fields.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Ajv } from 'ajv';
import formatsModule from 'ajv-formats';
import type { TSchema } from 'typebox';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { ComplaintEventSchema, ComplaintSchema } from '../../src/http/routes/complaint.response.ts';
import { ComplaintListResponse } from '../../src/http/routes/complaints.schema.ts';
import { PortalTracked } from '../../src/http/routes/portal.response.ts';

const addFormats = formatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));

/** The schema with every object closed: a field the presenter sends must be documented too. */
function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) out[k] = closed(v);
  if (out.type === 'object' && out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

function assertShape(schema: TSchema, value: unknown, what: string) {
  const validate = ajv.compile(closed(schema) as TSchema);
  assert.ok(validate(value), `${what}: ${ajv.errorsText(validate.errors)}`);
}

let t: TestApp;
before(async () => {
  t = await createTestApp({ now: '2026-11-24T02:00:00.000Z' });
});
after(async () => t.close());

test('a complaint, its list page and its events answer as their schemas say, from intake through dispatch and a reply', async () => {
  const created = await t.api('POST', '/api/complaints', {
    unitId: 'u-re-garden',
    channel: 'phone',
    customer: { name: '张伟', phone: '13800138001', type: 'owner' },
    title: '3栋1201室卫生间天花板漏水',
    content: '主卫天花板持续漏水，墙面发霉。',
  });
  assert.equal(created.statusCode, 201, created.body);
  assertShape(ComplaintSchema, created.json(), 'POST /api/complaints');
  const id = created.json().id as string;
  const steps = [
    { type: 'qualify', result: 'valid' },
    { type: 'dispatch', leadDepartmentId: 'u-re-garden-eng' },
    { type: 'acknowledge' },
    {
      type: 'report',
      cause: '防水层破损',
      sequence: '上门核查',
      responsible: '工程部',
      conclusion: '有效',
      countermeasures: '重做防水',
      prevention: '巡查',
    },
    { type: 'reply', message: '已安排维修' },
    { type: 'note', text: '内部备注' },
  ];
  for (const step of steps) {
    const res = await t.api('POST', `/api/complaints/${id}/actions`, step);
    assert.equal(res.statusCode, 200, `${step.type}: ${res.body}`);
    assertShape(ComplaintSchema, res.json(), `action ${step.type}`);
  }
  const detail = await t.api('GET', `/api/complaints/${id}`);
  assertShape(ComplaintSchema, detail.json(), 'GET /api/complaints/:id');
  assert.ok(detail.json().reply && detail.json().report, 'the reply and report are part of what was checked');
  const check = ajv.compile(closed(ComplaintSchema) as TSchema);
  assert.ok(!check({ ...detail.json(), status: 'bogus' }), 'a status outside the enum fails');
  assert.ok(!check({ ...detail.json(), undocumented: 1 }), 'an undocumented field fails');
  const events = await t.api('GET', `/api/complaints/${id}/events`);
  assertShape({ type: 'array', items: ComplaintEventSchema } as unknown as TSchema, events.json(), 'GET /api/complaints/:id/events');
  const page = await t.api('GET', '/api/complaints?limit=50');
  assertShape(ComplaintListResponse, page.json(), 'GET /api/complaints');
  assert.ok(page.json().items.length > 0);
});

test("the portal's tracking answer is as its schema says, before and after the reply", async () => {
  const post = (url: string, body: unknown) => t.app.inject({ method: 'POST', url, payload: body as object, remoteAddress: '203.0.113.7' });
  const submitted = await post('/api/portal/complaints', {
    unitId: 'u-svc',
    customer: { name: '金先生', phone: '13866660002' },
    title: 'APP无法登录',
    content: '升级后一直提示网络错误。',
  });
  assert.equal(submitted.statusCode, 201, submitted.body);
  const { code, secret } = submitted.json();
  const before = await post('/api/portal/track', { code, secret });
  assert.equal(before.statusCode, 200, before.body);
  assertShape(PortalTracked, before.json(), 'POST /api/portal/track');
  const id = (await t.api('GET', `/api/complaints?q=${code}`)).json().items[0].id as string;
  for (const step of [
    { type: 'qualify', result: 'valid' },
    { type: 'dispatch', leadDepartmentId: 'u-svc-general' },
    { type: 'acknowledge' },
  ]) {
    const res = await t.api('POST', `/api/complaints/${id}/actions`, step);
    assert.equal(res.statusCode, 200, `${step.type}: ${res.body}`);
  }
  const confirmed = await post('/api/portal/track', { code, secret });
  assertShape(PortalTracked, confirmed.json(), 'POST /api/portal/track after work began');
  assert.ok(confirmed.json().timeline.length >= 2);
});

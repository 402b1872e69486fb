/**
 * Issue #18, "One source of shapes": every operation of the OpenAPI document declares its success answer,
 * so the web app's types (web/src/api/openapi.d.ts) can be generated from it rather than copied by hand.
 * A 204 has no body by definition; every other 2xx must say what it carries.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

interface Operation {
  responses?: Record<string, { content?: Record<string, unknown> }>;
}

let t: TestApp;
before(async () => {
  t = await createTestApp({ users: false });
});
after(async () => t.close());

test('every operation of /api/openapi.json has a 2xx response with content, or a 204', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
  assert.equal(res.statusCode, 200);
  const doc = res.json() as { paths: Record<string, Record<string, Operation>> };
  const missing: string[] = [];
  let operations = 0;
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      operations++;
      const declared = Object.entries(op.responses ?? {}).some(
        ([code, r]) => code === '204' || (/^2\d\d$/.test(code) && r.content !== undefined && Object.keys(r.content).length > 0),
      );
      if (!declared) missing.push(`${method.toUpperCase()} ${path}`);
    }
  }
  assert.ok(operations > 60, `the document lists the routes (${operations} operations)`);
  assert.deepEqual(missing, [], `operations without a declared success response:\n${missing.join('\n')}`);
});

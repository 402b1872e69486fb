/**
 * Issue #18, "One source of shapes": every operation of the OpenAPI document declares its success answer,
 * so the web app's types (web/src/api/openapi.d.ts) can be generated from it rather than copied by hand.
 * A 204 has no body by definition; every other 2xx must say what it carries, with a schema that is more
 * than {} (an Unknown or Any body describes nothing, and generates `unknown` in the web app's types).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

/** A schema that says nothing: absent, {} (TypeBox's Unknown / Any), or only words about the body. */
function saysNothing(schema: unknown): boolean {
  if (typeof schema !== 'object' || schema === null) return true;
  return Object.keys(schema).every((k) => k === 'description' || k === 'title');
}

let t: TestApp;
before(async () => {
  t = await createTestApp({ users: false });
});
after(async () => t.close());

test('every operation of /api/openapi.json has a 2xx response with content whose schema describes it, or a 204', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
  assert.equal(res.statusCode, 200);
  const doc = res.json() as { paths: Record<string, Record<string, Operation>> };
  const missing: string[] = [];
  const open: string[] = [];
  let operations = 0;
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      operations++;
      const successes = Object.entries(op.responses ?? {}).filter(([code]) => /^2\d\d$/.test(code));
      const declared = successes.some(([code, r]) => code === '204' || (r.content !== undefined && Object.keys(r.content).length > 0));
      if (!declared) missing.push(`${method.toUpperCase()} ${path}`);
      for (const [code, r] of successes) {
        for (const [type, media] of Object.entries(r.content ?? {}))
          if (saysNothing(media.schema)) open.push(`${method.toUpperCase()} ${path} ${code} ${type}`);
      }
    }
  }
  assert.ok(operations > 60, `the document lists the routes (${operations} operations)`);
  assert.deepEqual(missing, [], `operations without a declared success response:\n${missing.join('\n')}`);
  assert.deepEqual(open, [], `success responses whose schema is {} (unknown / any), describing nothing:\n${open.join('\n')}`);
});

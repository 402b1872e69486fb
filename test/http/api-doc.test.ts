/**
 * docs/API.md against the routes' own schemas (issue #19: the token line named `days` where the server
 * takes `expiresInDays`). Every request line of the form `METHOD /api/path { a, b? }` must name only
 * fields the route's body schema has, and every field the schema requires, so a client that follows
 * the document is not refused with 400.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({ users: false });
});
after(async () => t.close());

const API_DOC = readFileSync(new URL('../../docs/API.md', import.meta.url), 'utf8');

interface BodySchema {
  properties?: Record<string, unknown>;
  required?: string[];
}

test('docs/API.md: the body fields of each one-line request (POST /api/auth/tokens among them) are the route schema’s', async () => {
  const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: BodySchema }> } }>>;
  };
  const lines = [...API_DOC.matchAll(/`(POST|PUT|PATCH) (\/api\/[^\s`]+) \{([^{}`]*)\}/g)];
  assert.ok(
    lines.some((m) => m[2] === '/api/auth/tokens'),
    'the token line is one of those checked',
  );
  for (const [, method, path, fields] of lines) {
    const named = fields
      .split(',')
      .map((f) => f.trim().match(/^(\w+)(\?)?/)?.[1])
      .filter((f): f is string => !!f);
    const op = spec.paths[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
    assert.ok(op, `${method} ${path} (docs/API.md) is a route`);
    const schema = op.requestBody?.content['application/json']?.schema ?? {};
    const known = Object.keys(schema.properties ?? {});
    for (const f of named) assert.ok(known.includes(f), `${method} ${path}: docs/API.md names '${f}', the route takes ${known.join(', ')}`);
    for (const f of schema.required ?? [])
      assert.ok(named.includes(f), `${method} ${path}: the route requires '${f}', docs/API.md does not name it`);
  }
});

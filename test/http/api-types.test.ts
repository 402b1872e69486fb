/**
 * web/src/api/openapi.d.ts is what `npm run api-types` makes of today's OpenAPI document: a route schema
 * changed without regenerating the web app's types fails here (issue #18, "One source of shapes").
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { API_TYPES_FILE, apiTypesSource, buildDocument } from '../../scripts/api-types-source.ts';

test('the checked-in web API types are generated from the current OpenAPI document (run `npm run api-types`)', async () => {
  const expected = await apiTypesSource(await buildDocument());
  const actual = readFileSync(API_TYPES_FILE, 'utf8');
  assert.ok(actual === expected, 'web/src/api/openapi.d.ts is out of date: run `npm run api-types` and commit the result');
});

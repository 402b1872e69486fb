/**
 * Issue #16 item 4: the tuned packs' overrides are JSON Merge Patches (RFC 7396). applyMergePatch is held to
 * the RFC's Appendix A examples; createMergePatch to its round trip (a property test over random JSON); and
 * the effective pack of a unit to its chain's rows in force at a version.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyMergePatch, changedPaths, createMergePatch } from '../../src/domain/policy/merge-patch.ts';
import { applyOverrides, currentVersion, overridesInForce, policyLabel, type OverrideRow } from '../../src/domain/policy/effective-pack.ts';

// RFC 7396 Appendix A, every row: original, patch, result.
const APPENDIX_A: [unknown, unknown, unknown][] = [
  [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
  [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
  [{ a: 'b' }, { a: null }, {}],
  [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
  [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
  [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
  [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
  [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
  [
    ['a', 'b'],
    ['c', 'd'],
    ['c', 'd'],
  ],
  [{ a: 'b' }, ['c'], ['c']],
  [{ a: 'foo' }, null, null],
  [{ a: 'foo' }, 'bar', 'bar'],
  [{ e: null }, { a: 1 }, { e: null, a: 1 }],
  [[1, 2], { a: 'b', c: null }, { a: 'b' }],
  [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
];

for (const [i, [original, patch, result]] of APPENDIX_A.entries()) {
  test(`RFC 7396 Appendix A, example ${i + 1}: ${JSON.stringify(original)} + ${JSON.stringify(patch)} → ${JSON.stringify(result)}`, () => {
    const before = structuredClone(original);
    assert.deepEqual(applyMergePatch(original, patch), result);
    assert.deepEqual(original, before, 'the target is not modified');
  });
}

test("RFC 7396 §2: the RFC's own example document (title, author, tags, phoneNumber)", () => {
  const target = {
    title: 'Goodbye!',
    author: { givenName: 'John', familyName: 'Doe' },
    tags: ['example', 'sample'],
    content: 'This will be unchanged',
  };
  const patch = { title: 'Hello!', phoneNumber: '+01-123-456-7890', author: { familyName: null }, tags: ['example'] };
  assert.deepEqual(applyMergePatch(target, patch), {
    title: 'Hello!',
    author: { givenName: 'John' },
    tags: ['example'],
    content: 'This will be unchanged',
    phoneNumber: '+01-123-456-7890',
  });
});

// JSON values without null (a null member cannot be said by a merge patch: RFC 7396 §5).
const { json } = fc.letrec((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.boolean(),
    fc.integer(),
    fc.string({ maxLength: 4 }),
    fc.array(tie('json'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', '__x', 'a/b', '~'), tie('json'), { maxKeys: 4, noNullPrototype: true }),
  ),
}));
const object = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'clocks', 'due'), json, { maxKeys: 5, noNullPrototype: true });

test('#16 item 4 (property): applyMergePatch(base, createMergePatch(base, t)) deep-equals t for JSON without nulls', () => {
  fc.assert(
    fc.property(json, json, (base, target) => {
      assert.deepEqual(applyMergePatch(base, createMergePatch(base, target)), target);
    }),
    { numRuns: 2000, seed: 16 },
  );
});

test('#16 item 4 (property): between objects the patch carries only what changed, and nothing for equal ones', () => {
  fc.assert(
    fc.property(object, object, (base, target) => {
      const patch = createMergePatch(base, target) as Record<string, unknown>;
      for (const k of Object.keys(patch)) assert.notDeepEqual(base[k], target[k], `member ${k} differs`);
      assert.deepEqual(createMergePatch(target, target), {});
    }),
    { numRuns: 1000, seed: 4 },
  );
});

test('#16 item 4: createMergePatch removes with null, carries a changed array whole, recurses into objects', () => {
  assert.deepEqual(createMergePatch({ a: 1, b: { c: 2, d: 3 }, e: [1, 2] }, { b: { c: 2, d: 4 }, e: [1, 3] }), {
    a: null,
    b: { d: 4 },
    e: [1, 3],
  });
});

test('#16 item 4: changedPaths lists each changed leaf by JSON Pointer, arrays by index', () => {
  const base = { clocks: [{ name: 'dispatch', due: { minutes: 30 } }, { name: 'reply' }], returnVisit: { required: true }, 'a/b': 1 };
  const edited = { clocks: [{ name: 'dispatch', due: { minutes: 20 } }, { name: 'reply' }], returnVisit: { required: false }, x: 2 };
  assert.deepEqual(changedPaths(base, edited), [
    { path: '/clocks/0/due/minutes', before: 30, after: 20 },
    { path: '/returnVisit/required', before: true, after: false },
    { path: '/a~1b', before: 1 },
    { path: '/x', after: 2 },
  ]);
  assert.deepEqual(changedPaths(base, base), []);
});

const rows: OverrideRow[] = [
  { version: 1, nodeId: 'co', policyId: 'p', overrides: { a: 1 } },
  { version: 2, nodeId: 'u', policyId: 'p', overrides: { b: 2 } },
  { version: 3, nodeId: 'co', policyId: 'p', overrides: { a: 3 } },
  { version: 4, nodeId: 'other', policyId: 'p', overrides: { a: 9 } },
  { version: 5, nodeId: 'u', policyId: 'q', overrides: { a: 7 } },
  { version: 6, nodeId: 'u', policyId: 'p', overrides: { a: 6 } },
];
const rowsOf = (id: string) => rows.filter((r) => r.nodeId === id);
const chain = ['u', 'co', 'grp'];

test('#16 item 4: the rows in force at a version: each node of the chain its latest row ≤ V for the pack, top first', () => {
  const at = (v: number) => overridesInForce(rowsOf, chain, 'p', v).map((r) => r.version);
  assert.deepEqual(at(0), []);
  assert.deepEqual(at(1), [1]);
  assert.deepEqual(at(2), [1, 2]);
  assert.deepEqual(at(3), [3, 2]);
  assert.deepEqual(at(5), [3, 2], "another node's row and another pack's row do not count");
  assert.deepEqual(at(6), [3, 6]);
  assert.equal(currentVersion(rowsOf, chain, 'p'), 6);
  assert.equal(currentVersion(rowsOf, ['other2'], 'p'), 0);
  // The unit's own patch applies last, so it wins over the company's; its latest row replaces its earlier one.
  assert.deepEqual(applyOverrides({ a: 0, b: 0 }, overridesInForce(rowsOf, chain, 'p', 6)), { a: 6, b: 0 });
  assert.deepEqual(applyOverrides({ a: 0, b: 0 }, overridesInForce(rowsOf, chain, 'p', 3)), { a: 3, b: 2 });
});

test('#16 item 4: a trace names the pack and its version, or the standard pack', () => {
  assert.deepEqual(policyLabel('real-estate', 3), { en: 'policy real-estate v3', zh: '政策包 real-estate 第3版' });
  assert.deepEqual(policyLabel('real-estate', 0), { en: 'policy real-estate standard', zh: '政策包 real-estate 标准版' });
});

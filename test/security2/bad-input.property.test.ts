/**
 * Property-based bad input: for every route in the OpenAPI document, malformed requests (random
 * JSON of the wrong shape, wrong types, unknown fields, huge strings, broken JSON, bad ids, bad
 * query strings, bad Authorization headers) answer 4xx — never a 5xx — and change no table.
 *
 * Each generated request is malformed by construction in at least one part the route validates, so
 * a 4xx is the only right answer whatever the handler would do with the rest.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createSecApp, type SecApp } from './helpers.ts';
import { placeComplaint } from '../security/security-fixtures.ts';

const RUNS_PER_ROUTE = Number(process.env.BAD_INPUT_RUNS ?? 80);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Schema = any;
interface Route {
  method: string;
  path: string;
  pathParams: string[];
  query: { name: string; required: boolean; schema: Schema }[];
  body: Schema | null;
  public: boolean;
}

let t: SecApp;
let routes: Route[] = [];
let realIds: string[] = [];
const tokens: string[] = [];
let countsBefore: Record<string, number>;

before(async () => {
  t = await createSecApp();
  const c = await placeComplaint(t, 'u-re-garden', 'u-re-garden-eng');
  const users = (await t.api('GET', '/api/users', undefined, { role: 'admin' })).json() as { id: string }[];
  realIds = [c.id, 'u-re-garden', users[0].id];
  for (const role of ['admin', 'agent', 'handler', 'auditor']) tokens.push(await t.token(role));
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  for (const [p, ops] of Object.entries<Record<string, Schema>>(doc.paths)) {
    for (const [method, op] of Object.entries<Schema>(ops)) {
      const params = (op.parameters ?? []) as { in: string; name: string; required?: boolean; schema: Schema }[];
      routes.push({
        method: method.toUpperCase(),
        path: p,
        pathParams: params.filter((x) => x.in === 'path').map((x) => x.name),
        query: params.filter((x) => x.in === 'query').map((x) => ({ name: x.name, required: !!x.required, schema: x.schema })),
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
        public: !op.security,
      });
    }
  }
  countsBefore = await t.tableCounts();
});
after(async () => t?.close());

const junk = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom('', ' ', '\u0000', '../../etc/passwd', "' OR 1=1 --", '%', '{}', '[]', 'null', 'NaN', '-1', '1e309', '\uFEFF', '𠮷𠮷'),
);
const huge = fc.integer({ min: 1000, max: 20_000 }).map((n) => 'x'.repeat(n));
const anyJson = fc.oneof(fc.jsonValue({ maxDepth: 3 }), huge, fc.constant(Number.MAX_SAFE_INTEGER), fc.constant(-1));

/** An id that exists nowhere: a fresh uuid, or a string no real id starts with. */
const badId = fc.oneof(
  { weight: 4, arbitrary: fc.uuid() },
  { weight: 4, arbitrary: junk.map((s) => `zz${s}`) },
  { weight: 1, arbitrary: huge },
  {
    weight: 2,
    arbitrary: fc.constantFrom('..', '0', '-1', 'null', 'undefined', '00000000-0000-0000-0000-000000000000', "1' or '1'='1", '%00', 'ＴＳ'),
  },
);

/** A value the parameter's schema refuses, or null when its schema accepts every string. */
function badValue(s: Schema): fc.Arbitrary<string> | null {
  if (!s) return null;
  if (s.type === 'array') return badValue(s.items);
  if (Array.isArray(s.enum)) return junk.map((x) => `zz${x}`);
  if (s.anyOf) {
    const all = (s.anyOf as Schema[]).map(badValue);
    return all.every((x) => x) && (s.anyOf as Schema[]).every((x) => Array.isArray(x.enum) || x.const !== undefined)
      ? junk.map((x) => `zz${x}`)
      : null;
  }
  switch (s.type) {
    case 'integer':
    case 'number':
      return fc.oneof(
        junk.map((x) => `x${x}`),
        fc.constantFrom('abc', '12abc', '--1', '1.2.3', '0x'),
        ...(s.maximum !== undefined ? [fc.constant(String(s.maximum + 1000))] : []),
      );
    case 'boolean':
      return junk.map((x) => `maybe${x}`);
    case 'string': {
      const out: fc.Arbitrary<string>[] = [];
      if (s.format === 'date-time' || s.format === 'date' || s.format === 'uuid' || s.format === 'email')
        out.push(junk.map((x) => `zz not a ${s.format} ${x}`));
      if (typeof s.pattern === 'string' && s.pattern.startsWith('^')) out.push(junk.map((x) => `\u0001${x}`));
      if (typeof s.maxLength === 'number') out.push(fc.integer({ min: 1, max: 2000 }).map((n) => 'q'.repeat(s.maxLength + n)));
      return out.length ? fc.oneof(...out) : null;
    }
    default:
      return null;
  }
}

const closedObject = (s: Schema): boolean =>
  !!s && (s.additionalProperties === false || (Array.isArray(s.anyOf ?? s.oneOf) && (s.anyOf ?? s.oneOf).every(closedObject)));
const knownKeys = (s: Schema): string[] => [
  ...new Set<string>([...Object.keys(s?.properties ?? {}), ...((s?.anyOf ?? s?.oneOf ?? []) as Schema[]).flatMap(knownKeys)]),
];

interface BodyPart {
  payload: string;
  contentType: string;
}

/** A body the route's schema refuses. */
function badBody(s: Schema): fc.Arbitrary<BodyPart> {
  const json = (a: fc.Arbitrary<unknown>) => a.map((v) => ({ payload: JSON.stringify(v) ?? 'null', contentType: 'application/json' }));
  const options: fc.Arbitrary<BodyPart>[] = [
    // Not an object at all.
    json(
      fc.oneof(
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.string({ maxLength: 200 }),
        fc.boolean(),
        fc.constant(null),
        fc.array(anyJson, { maxLength: 4 }),
        huge,
      ),
    ),
    // Not JSON.
    junk.map((x) => ({ payload: `{"a":${JSON.stringify(x)}`, contentType: 'application/json' })),
    fc
      .constantFrom(
        '{',
        '}',
        '{"a":1,}',
        "{'a':1}",
        'undefined',
        '\u0000',
        '{"__proto__":{"x":1}}',
        '{"constructor":{"prototype":{"x":1}}}',
      )
      .map((p) => ({ payload: p, contentType: 'application/json' })),
    // Not JSON by type.
    junk.map((x) => ({ payload: x, contentType: 'text/plain' })),
  ];
  const keys = knownKeys(s);
  if (closedObject(s)) {
    // Known fields with values of any type, plus a field the schema does not know.
    options.push(
      fc
        .tuple(fc.dictionary(keys.length ? fc.constantFrom(...keys) : fc.string(), anyJson, { maxKeys: 6 }), junk, anyJson)
        .map(([known, k, v]) => ({ payload: JSON.stringify({ ...known, [`zz_unknown_${k}`]: v }), contentType: 'application/json' })),
    );
  } else if (Array.isArray(s?.required) && s.required.length) {
    const req = s.required as string[];
    options.push(
      fc.tuple(fc.dictionary(fc.constantFrom(...keys), anyJson, { maxKeys: 6 }), fc.constantFrom(...req)).map(([known, drop]) => {
        const o: Record<string, unknown> = { ...known };
        delete o[drop];
        return { payload: JSON.stringify(o), contentType: 'application/json' };
      }),
    );
  }
  // Over the 1 MiB body limit, now and then.
  const tooLarge = fc.constant({ payload: JSON.stringify({ x: 'y'.repeat(1024 * 1024 + 10) }), contentType: 'application/json' });
  return fc.oneof(...options.map((arbitrary) => ({ weight: 6, arbitrary })), { weight: 1, arbitrary: tooLarge });
}

interface Req {
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

/** Malformed requests for one route: each is refused by at least one part the route checks. */
function malformed(r: Route): fc.Arbitrary<Req> {
  const fill = (ids: Record<string, string>) => r.path.replace(/\{(\w+)\}/g, (_, n: string) => encodeURIComponent(ids[n]));
  const qs = (q: Record<string, string>) => {
    const s = new URLSearchParams(q).toString();
    return s ? `?${s}` : '';
  };
  const auth = fc.constantFrom(...tokens).map((tk) => ({ authorization: `Bearer ${tk}` }));
  const variants: fc.Arbitrary<Req>[] = [];

  // 1. A malformed Authorization header: 401 on every /api route, public ones included.
  variants.push(
    fc
      .tuple(
        fc.oneof(
          junk.map((x) => `Basic ${x}`),
          junk.map((x) => `Bearer ${x} ${x}`),
          fc.constant('Bearer'),
          huge.map((h) => `Bearer ${h}`),
        ),
        fc.dictionary(fc.constantFrom(...r.pathParams, 'p'), badId),
      )
      .map(([h, ids]) => ({
        url: fill({ ...Object.fromEntries(r.pathParams.map((p) => [p, realIds[0]])), ...ids }),
        headers: { authorization: h },
      })),
  );

  const realOrBad = (p: string) => fc.oneof(fc.constantFrom(...realIds), badId).map((v) => [p, v] as const);
  const queryBad = r.query.map((q) => ({ q, bad: badValue(q.schema) })).filter((x) => x.bad !== null);
  const requiredQuery = r.query.filter((q) => q.required);

  // 2. Bad path ids (the other parts may be anything).
  if (r.pathParams.length) {
    variants.push(
      fc
        .tuple(
          fc.tuple(...r.pathParams.map((p) => badId.map((v) => [p, v] as const))),
          auth,
          fc.dictionary(fc.string({ maxLength: 8 }), junk, { maxKeys: 3 }),
          r.body ? badBody(r.body) : fc.constant(null),
        )
        .map(([ids, h, q, b]) => ({
          url: fill(Object.fromEntries(ids)) + qs(q),
          headers: { ...h, ...(b ? { 'content-type': b.contentType } : {}) },
          payload: b?.payload,
        })),
    );
  }
  // 3. A bad body, with real or bad ids.
  if (r.body) {
    variants.push(
      fc
        .tuple(fc.tuple(...r.pathParams.map(realOrBad)), auth, badBody(r.body))
        .map(([ids, h, b]) => ({
          url: fill(Object.fromEntries(ids)),
          headers: { ...h, 'content-type': b.contentType },
          payload: b.payload,
        })),
    );
  }
  // 4. A bad query value, or a required query parameter missing.
  if (queryBad.length || requiredQuery.length) {
    const badQuery = fc.oneof(
      ...queryBad.map(({ q, bad }) => bad!.map((v) => ({ [q.name]: v }))),
      ...(requiredQuery.length
        ? [
            fc
              .constantFrom(...requiredQuery)
              .map((q) => Object.fromEntries(requiredQuery.filter((x) => x !== q).map((x) => [x.name, 'zz']))),
          ]
        : []),
    );
    variants.push(
      fc
        .tuple(fc.tuple(...r.pathParams.map(realOrBad)), auth, badQuery)
        .map(([ids, h, q]) => ({
          url: fill(Object.fromEntries(ids)) + qs(q),
          headers: { ...h },
          ...(r.body ? { payload: '{', headers: { ...h, 'content-type': 'application/json' } } : {}),
        })),
    );
  }
  // The Authorization variant is the only one for routes without inputs; elsewhere it is one in ten.
  return variants.length === 1
    ? variants[0]
    : fc.oneof(
        { weight: 1, arbitrary: variants[0] },
        ...variants.slice(1).map((arbitrary) => ({ weight: Math.ceil(9 / (variants.length - 1)), arbitrary })),
      );
}

let t_diag: (m: string) => void = () => {};
test(`every route answers malformed requests with 4xx, never 5xx (${RUNS_PER_ROUTE} runs per route)`, async (ctx) => {
  t_diag = (m) => ctx.diagnostic(m);
  assert.ok(routes.length >= 30, `routes found in the OpenAPI document: ${routes.length}`);
  let total = 0;
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  for (const r of routes) {
    try {
      await fc.assert(
        fc.asyncProperty(malformed(r), async (req) => {
          total++;
          const res = await t.app.inject({ method: r.method as 'GET', url: req.url, headers: req.headers, payload: req.payload });
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          if (res.statusCode < 400 || res.statusCode >= 500) {
            throw new Error(
              `${r.method} ${req.url.slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 300)} (body: ${String(req.payload).slice(0, 200)})`,
            );
          }
        }),
        { numRuns: RUNS_PER_ROUTE, endOnFailure: true },
      );
    } catch (e) {
      failures.push(`${r.method} ${r.path}: ${(e as Error).message.split('\n').slice(0, 6).join(' | ')}`);
    }
  }
  assert.deepEqual(failures, [], `routes that answered a malformed request with something other than 4xx:\n${failures.join('\n')}`);
  assert.ok(total >= routes.length * RUNS_PER_ROUTE, `${total} requests`);
  t_diag(`${total} malformed requests over ${routes.length} routes; statuses: ${JSON.stringify(Object.fromEntries(statuses))}`);
});

test('the malformed requests changed no table (row counts of every table; failed logins and throttle windows are recorded on purpose)', async () => {
  const after = await t.tableCounts();
  const { login_attempts: _a, throttle_windows: _c, ...b } = countsBefore;
  const { login_attempts: _b, throttle_windows: _d, ...a } = after;
  assert.deepEqual(a, b);
});

test('NUL characters (which PostgreSQL text and jsonb refuse) are bad input, not a database error', async () => {
  const before = await t.tableCounts();
  const intake = {
    unitId: 'u-re-garden',
    channel: 'phone',
    customer: { name: '张三', phone: '13800138000' },
    title: 'NUL\u0000标题',
    content: '内容',
  };
  const res = await t.api('POST', '/api/complaints', intake, { role: 'admin' });
  assert.equal(res.statusCode, 400, res.body);
  const key = await t.api('POST', '/api/complaints', { ...intake, title: 'ok', flags: { ['a\u0000']: true } }, { role: 'admin' });
  assert.equal(key.statusCode, 400, key.body);
  for (const url of ['/api/units/zz%00/calendar', '/api/complaints?q=%00', '/api/reports/kpi?nodeId=%00&quarter=2026Q4']) {
    const r = await t.api('GET', url, undefined, { role: 'admin' });
    assert.equal(r.statusCode, 400, `${url}: ${r.body}`);
  }
  const portal = await t.app.inject({ method: 'POST', url: '/api/portal/track', payload: { code: 'TS\u0000', secret: 'x' } });
  assert.equal(portal.statusCode, 400);
  const { login_attempts: _a, throttle_windows: _c, ...a } = await t.tableCounts();
  const { login_attempts: _b, throttle_windows: _d, ...b } = before;
  assert.deepEqual(a, b);
});

// ---- Values that pass a schema's shape but not what Plaint can store or compute with (issue #19) ----
// Each answers 400 naming the field (never a 5xx): forged list cursors, lone surrogates, leap
// seconds, and years outside 1000–9999, in intake dates, list filters, report periods, KPI quarters.

const CLASS_RUNS = Number(process.env.BAD_INPUT_CLASS_RUNS ?? 40);
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** A year Plaint refuses (0–999, or more than four digits), written as the date formats allow. */
const badYear = fc.oneof(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 10_000, max: 275_000 })).map((y) => pad(y, 4));
const anyYear = fc.oneof(
  badYear,
  fc.integer({ min: 1000, max: 9999 }).map((y) => pad(y, 4)),
);
const monthDay = fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([m, d]) => `${pad(m)}-${pad(d)}`);
const zone = fc.constantFrom('Z', 'z', '+08:00', '-05:00', '+14:00', '+0800', '+08', '-12:00');
const clock = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m, s]) => `${pad(h)}:${pad(m)}:${pad(s)}`);
/** A date-time with a year outside 1000–9999. */
const badYearDateTime = fc.tuple(badYear, monthDay, clock, zone).map(([y, md, t, z]) => `${y}-${md}T${t}${z}`);
/** A leap second (23:59:60 UTC, or the same instant in another zone), in an otherwise fine year. */
const leapSecond = fc
  .tuple(
    fc.integer({ min: 1972, max: 2030 }),
    fc.constantFrom('06-30', '12-31'),
    fc.constantFrom(['23:59', 'Z'], ['07:59', '+08:00'], ['18:59', '-05:00'], ['23:59', '+00:00']),
    fc.constantFrom('', '.5', '.999'),
  )
  .map(([y, md, [hm, z], frac]) => `${y}-${md}T${hm}:60${frac}${z}`);
const badDateTime = fc.oneof(badYearDateTime, leapSecond);
/** A string holding one unpaired UTF-16 surrogate. */
const loneSurrogate = fc
  .tuple(fc.string({ maxLength: 10 }), fc.integer({ min: 0xd800, max: 0xdfff }), fc.string({ maxLength: 10 }))
  .map(([a, u, b]) => `${a}${String.fromCharCode(u)}${b}`);

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
/** A cursor nobody was given: JSON of the right shape with wrong types or values, or anything else. */
const forgedCursor = fc.oneof(
  fc
    .record({
      k: fc.oneof(
        badDateTime,
        junk,
        fc.constant('x|y'),
        fc.tuple(badDateTime, badDateTime).map(([a, b]) => `${a}|${b}`),
      ),
      id: fc.oneof(fc.uuid(), junk),
    })
    .map(b64),
  fc
    .record({
      k: fc.oneof(fc.integer(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.boolean()),
      id: fc.oneof(fc.uuid(), fc.integer(), fc.constant(null)),
    })
    .map(b64),
  fc
    .record({
      k: fc
        .date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString()),
      id: junk,
    })
    .map(b64),
  fc.jsonValue({ maxDepth: 2 }).map(b64),
  fc.tuple(loneSurrogate, fc.uuid()).map(([k, id]) => b64({ k, id })),
  junk.map((x) => b64(x)),
  // Not base64 at all (a NUL in the URL has its own 400, tested above).
  junk.filter((x) => !x.includes('\u0000')),
);

const intakeBody = (extra: Record<string, unknown>) => ({
  unitId: 'u-re-garden',
  channel: 'phone',
  customer: { name: '张三', phone: '13800138000' },
  title: '标题',
  content: '内容',
  ...extra,
});

async function expect400(method: 'GET' | 'POST', url: string, body: unknown, field: string, opts: { public?: boolean } = {}) {
  const res = opts.public ? await t.app.inject({ method, url, payload: body as never }) : await t.api(method, url, body, { role: 'admin' });
  if (res.statusCode !== 400 || res.json().error?.field !== field) {
    throw new Error(
      `${method} ${url.slice(0, 200)} ${body ? JSON.stringify(body).slice(0, 200) : ''} → ${res.statusCode} ${res.body.slice(0, 300)} (expected 400 naming ${field})`,
    );
  }
}

test(`R-IN-1 intake dates: years outside 1000–9999 and leap seconds answer 400 naming the field and write nothing (${CLASS_RUNS} runs each)`, async () => {
  const before = await t.tableCounts();
  await fc.assert(
    fc.asyncProperty(badDateTime, (d) => expect400('POST', '/api/complaints', intakeBody({ receivedAt: d }), 'receivedAt')),
    { numRuns: CLASS_RUNS },
  );
  await fc.assert(
    fc.asyncProperty(badDateTime, (d) =>
      expect400('POST', '/api/complaints', intakeBody({ incident: { occurredAt: d } }), 'incident.occurredAt'),
    ),
    { numRuns: CLASS_RUNS },
  );
  const portal = (d: string) => ({
    unitId: 'u-re-garden',
    customer: { name: '张三', phone: '13800138000' },
    title: '标题',
    content: '内容',
    incident: { occurredAt: d },
  });
  await fc.assert(
    fc.asyncProperty(badDateTime, (d) => expect400('POST', '/api/portal/complaints', portal(d), 'incident.occurredAt', { public: true })),
    { numRuns: CLASS_RUNS },
  );
  const { login_failures: _a, ...a } = await t.tableCounts();
  const { login_failures: _b, ...b } = before;
  assert.deepEqual(a, b);
});

test(`list filters: receivedFrom / receivedTo with years outside 1000–9999 or leap seconds answer 400 naming the field; in-range years never 5xx (${CLASS_RUNS} runs)`, async () => {
  for (const field of ['receivedFrom', 'receivedTo']) {
    await fc.assert(
      fc.asyncProperty(badDateTime, (d) => expect400('GET', `/api/complaints?${field}=${encodeURIComponent(d)}`, undefined, field)),
      { numRuns: CLASS_RUNS },
    );
  }
  const inRange = fc.tuple(fc.integer({ min: 1000, max: 9999 }), monthDay, clock, zone).map(([y, md, c, z]) => `${y}-${md}T${c}${z}`);
  await fc.assert(
    fc.asyncProperty(inRange, async (d) => {
      const res = await t.api(
        'GET',
        `/api/complaints?receivedFrom=${encodeURIComponent(d)}&receivedTo=${encodeURIComponent(d)}`,
        undefined,
        { role: 'admin' },
      );
      assert.equal(res.statusCode, 200, `${d}: ${res.body}`);
    }),
    { numRuns: CLASS_RUNS },
  );
});

test(`list cursors: a forged cursor (valid base64 JSON with wrong types or values, another sort's, random bytes) answers 400 cursor, never 5xx (${CLASS_RUNS} runs per sort)`, async () => {
  for (const sort of ['received', 'due', null]) {
    await fc.assert(
      fc.asyncProperty(forgedCursor, fc.boolean(), async (cursor, withQ) => {
        const url = `/api/complaints?cursor=${encodeURIComponent(cursor)}${sort ? `&sort=${sort}` : ''}${withQ ? '&q=%E6%8A%95%E8%AF%89' : ''}`;
        const res = await t.api('GET', url, undefined, { role: 'admin' });
        // A forged cursor that happens to name a real instant and a well-formed id is a cursor: 200.
        if (res.statusCode === 200) return;
        if (res.statusCode !== 400 || res.json().error?.field !== 'cursor')
          throw new Error(`${url} (${Buffer.from(cursor, 'base64url').toString()}) → ${res.statusCode} ${res.body.slice(0, 300)}`);
      }),
      { numRuns: CLASS_RUNS },
    );
  }
  // A real cursor of one sort is refused by the other.
  const first = (await t.api('GET', '/api/complaints?limit=1&sort=received', undefined, { role: 'admin' })).json();
  if (first.nextCursor) await expect400('GET', `/api/complaints?sort=due&cursor=${first.nextCursor}`, undefined, 'cursor');
  await expect400('GET', `/api/complaints?cursor=${b64({ k: 'x', id: 'y' })}`, undefined, 'cursor');
  await expect400(
    'GET',
    `/api/complaints?sort=due&cursor=${b64({ k: '2026-01-01T00:00:00.000Z', id: '00000000-0000-0000-0000-000000000000' })}`,
    undefined,
    'cursor',
  );
});

test(`R-RP-1 / R-RS-4 report periods and KPI quarters: years outside 1000–9999 answer 400 naming period / quarter; in-range years never 5xx (${CLASS_RUNS} runs each)`, async () => {
  const kinds = fc.constantFrom('daily', 'half_monthly', 'monthly', 'quarterly');
  const paths = fc.constantFrom('/api/reports/periodic', '/api/reports/periodic.html', '/api/reports/periodic.xlsx');
  await fc.assert(
    fc.asyncProperty(paths, kinds, badYear, monthDay, (p, kind, y, md) =>
      expect400('GET', `${p}?nodeId=u-re-garden&kind=${kind}&period=${y}-${md}`, undefined, 'period'),
    ),
    { numRuns: CLASS_RUNS },
  );
  await fc.assert(
    fc.asyncProperty(badYear, fc.integer({ min: 1, max: 4 }), (y, q) =>
      expect400('GET', `/api/reports/kpi?nodeId=u-re-garden&quarter=${y}Q${q}`, undefined, 'quarter'),
    ),
    { numRuns: CLASS_RUNS },
  );
  // The edges of the range, and years inside it, are reports (possibly empty), not errors.
  const edgeYear = fc.oneof(fc.constantFrom(1000, 9999), fc.integer({ min: 1000, max: 9999 }));
  await fc.assert(
    fc.asyncProperty(kinds, edgeYear, fc.constantFrom('01-01', '12-31', '06-15'), async (kind, y, md) => {
      const res = await t.api('GET', `/api/reports/periodic?nodeId=u-re-garden&kind=${kind}&period=${y}-${md}`, undefined, {
        role: 'admin',
      });
      assert.equal(res.statusCode, 200, `${kind} ${y}-${md}: ${res.body.slice(0, 300)}`);
    }),
    { numRuns: Math.ceil(CLASS_RUNS / 2) },
  );
  await fc.assert(
    fc.asyncProperty(edgeYear, fc.integer({ min: 1, max: 4 }), async (y, q) => {
      const res = await t.api('GET', `/api/reports/kpi?nodeId=u-re-garden&quarter=${y}Q${q}`, undefined, { role: 'admin' });
      assert.equal(res.statusCode, 200, `${y}Q${q}: ${res.body.slice(0, 300)}`);
    }),
    { numRuns: Math.ceil(CLASS_RUNS / 2) },
  );
});

test(`lone surrogates: in any string or key of a JSON body, of every route, the answer is 400 naming the field (${CLASS_RUNS} runs); in a query, never 5xx`, async () => {
  const before = await t.tableCounts();
  const withBody = routes.filter((r) => r.body);
  assert.ok(withBody.length >= 10, `routes with a JSON body: ${withBody.length}`);
  // The intake body, with the surrogate in one of its fields (nested ones too) or in a key.
  const intakeFields = ['title', 'content', 'customer.name', 'demands', 'incident.place', 'batchNo', 'unitId'];
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...intakeFields), loneSurrogate, async (field, s) => {
      const body = intakeBody({ demands: 'd', incident: { place: 'p' }, batchNo: 'b' }) as Record<string, any>;
      const [a, b] = field.split('.');
      if (b) body[a] = { ...body[a], [b]: s };
      else body[a] = s;
      await expect400('POST', '/api/complaints', body, field);
    }),
    { numRuns: CLASS_RUNS },
  );
  await fc.assert(
    fc.asyncProperty(loneSurrogate, (s) =>
      expect400('POST', '/api/complaints', intakeBody({ flags: { [s]: true } }), `flags.${s.replace(/\p{Cs}/gu, '\ufffd')}`),
    ),
    { numRuns: Math.ceil(CLASS_RUNS / 4) },
  );
  // Every route with a JSON body: each known field in turn holds the surrogate.
  for (const r of withBody) {
    const keys = knownKeys(r.body);
    if (!keys.length) continue;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...keys), loneSurrogate, fc.constantFrom(...tokens), async (key, s, tk) => {
        const url = r.path.replace(/\{(\w+)\}/g, () => encodeURIComponent(realIds[0]));
        const res = await t.app.inject({
          method: r.method as 'POST',
          url,
          payload: JSON.stringify({ [key]: s }),
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tk}` },
        });
        // A role without the right may be refused first (401/403/404); otherwise it is this field.
        if (res.statusCode >= 500 || (res.statusCode === 400 && res.json().error?.field !== key) || res.statusCode < 400) {
          throw new Error(`${r.method} ${url} {${key}: lone surrogate} → ${res.statusCode} ${res.body.slice(0, 300)}`);
        }
      }),
      { numRuns: Math.max(5, Math.ceil(CLASS_RUNS / 4)) },
    );
  }
  // In a query string a lone surrogate can only arrive as bytes that are not UTF-8.
  for (const url of [
    '/api/complaints?q=%ED%A0%80',
    '/api/complaints?title=%ED%B0%80',
    '/api/reports/kpi?nodeId=%ED%A0%80&quarter=2026Q4',
  ]) {
    const res = await t.api('GET', url, undefined, { role: 'admin' });
    assert.ok(res.statusCode < 500, `${url}: ${res.statusCode} ${res.body}`);
  }
  const { login_failures: _a, ...a } = await t.tableCounts();
  const { login_failures: _b, ...b } = before;
  assert.deepEqual(a, b);
});

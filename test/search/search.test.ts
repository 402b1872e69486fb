/**
 * The queue's free-text search (src/domain/search, migration 0006): two-character Chinese words, a
 * longer phrase, English, a complaint code, a phone number, a single character; nothing for a text
 * that is not there; past SEARCH_TOTAL_CAP matches a total flagged as a lower bound, with every match
 * still listed once, in order. Runs on PGlite, and on PostgreSQL with DATABASE_URL.
 * The test owns its organisation and users (test/helpers/factories.ts).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildCompany, buildDepartments, buildGroup, buildUnit, buildUser, type Unit, type User } from '../helpers/factories.ts';
import { bigrams, digitTrigrams, planSearch, queryTerms, searchTerms, SEARCH_TOTAL_CAP } from '../../src/domain/search/index.ts';

let t: TestApp;
const codes: Record<string, string> = {};
// The file's own group (test/helpers/factories.ts): a unit of five packs, each under a company of its
// own; an agent and an auditor at the group; a department handler at the property unit.
type Pack = 'fuel-retail' | 'real-estate' | 'manufacturing' | 'property' | 'food';
const units = {} as Record<Pack, Unit>;
let users: Record<'agent' | 'auditor' | 'handler', User>;

const SAMPLES: { key: string; pack: Pack; customer: { name: string; phone: string }; title: string; content: string }[] = [
  {
    key: 'refund',
    pack: 'fuel-retail',
    customer: { name: '王伟', phone: '13912345678' },
    title: '加油卡扣款两次要求退款',
    content: '昨天在滨江路加油站加了92号汽油，加油卡被扣款两次，请核查并尽快退款。',
  },
  {
    key: 'leak',
    pack: 'real-estate',
    customer: { name: '李娜', phone: '13800001111' },
    title: '卫生间天花板持续漏水',
    content: '3栋1201室卫生间天花板持续漏水，家具已经泡坏，多次报修无人处理。',
  },
  {
    key: 'english',
    pack: 'manufacturing',
    customer: { name: 'John Smith', phone: '13700002222' },
    title: 'Connector housing cracked',
    content: 'Batch 2611 connectors arrived with cracked housings; please arrange a Replacement shipment.',
  },
  {
    key: 'lift',
    pack: 'property',
    customer: { name: '赵敏', phone: '13600003333' },
    title: '电梯经常困人',
    content: '小区电梯经常困人，物业维修不及时，老人上下楼很不方便。',
  },
  // 退 ends the title and 款 starts the content: not the word 退款.
  {
    key: 'split',
    pack: 'food',
    customer: { name: '周杰', phone: '13500004444' },
    title: '三天前申请退',
    content: '款项至今未到账。',
  },
];

interface ListBody {
  items: { id: string; code: string }[];
  total: number;
  totalCapped: boolean;
  nextCursor: string | null;
}

async function search(q: string, role: keyof typeof users = 'agent'): Promise<string[]> {
  const res = await t.api('GET', `/api/complaints?q=${encodeURIComponent(q)}&limit=200`, undefined, { as: users[role] });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json() as ListBody;
  assert.equal(body.total, body.items.length);
  assert.equal(body.totalCapped, false, 'a total under the cap is exact');
  return body.items.map((i) => i.code).sort();
}

before(async () => {
  t = await createTestApp();
  const group = await buildGroup(t);
  for (const pack of ['fuel-retail', 'real-estate', 'manufacturing', 'property', 'food'] as const)
    units[pack] = await buildUnit(t, { pack, companyId: (await buildCompany(t, { groupId: group.id })).id });
  const [dept] = await buildDepartments(t, units.property, ['工程维修部']);
  users = {
    agent: await buildUser(t, { role: 'agent', orgNodeId: group.id }),
    auditor: await buildUser(t, { role: 'auditor', orgNodeId: group.id }),
    handler: await buildUser(t, { role: 'handler', orgNodeId: dept.id }),
  };
  for (const s of SAMPLES) {
    const { key, pack, ...body } = s;
    const res = await t.api('POST', '/api/complaints', { ...body, unitId: units[pack].id, channel: 'phone' }, { as: users.agent });
    assert.equal(res.statusCode, 201, res.body);
    codes[key] = res.json().code;
  }
});
after(async () => {
  await t?.close();
});

test('bigrams mirror the SQL function: lower-cased, distinct, no pairs with white space', () => {
  assert.deepEqual(bigrams('退款'), ['退款']);
  assert.deepEqual(bigrams('漏水漏水').sort(), ['水漏', '漏水'].sort());
  assert.deepEqual(bigrams('Ab c'), ['ab']);
  assert.equal(planSearch('退').kind, 'characters');
  assert.equal(planSearch('王 伟').kind, 'characters');
  assert.equal(planSearch('退款').kind, 'bigrams');
});

test('the database fills search_terms through the trigger: bigrams and single characters', async () => {
  const r = await sql<{
    ok: boolean;
  }>`SELECT search_terms @> ARRAY['退款', '扣款', '退', '款']::text[] AS ok FROM complaints WHERE code = ${codes.refund}`.execute(
    t.deps.db,
  );
  assert.equal(r.rows[0].ok, true);
  const f = await sql<{ b: string[] }>`SELECT plaint_bigrams('Ab c漏水') AS b`.execute(t.deps.db);
  assert.deepEqual([...f.rows[0].b].sort(), bigrams('Ab c漏水').sort());
  for (const text of ['Ab c漏水 王', ' 3栋\t1201室\n卫生间漏水  ', '', 'x', 'TS-20261130-0042 302室 92号 1234567', '１２３ 12 ab345cd']) {
    const g = await sql<{ b: string[]; q: string[] }>`SELECT plaint_search_terms(${text}) AS b, plaint_query_terms(${text}) AS q`.execute(
      t.deps.db,
    );
    assert.deepEqual([...g.rows[0].b].sort(), searchTerms(text).sort(), JSON.stringify(text));
    assert.deepEqual([...new Set(g.rows[0].q)].sort(), queryTerms(text).sort(), JSON.stringify(text));
  }
  assert.deepEqual(searchTerms('Ab c漏水 王').sort(), ['ab', 'a', 'b', 'c漏', '漏水', 'c', '漏', '水', '王'].sort());
  // Runs of three or more ASCII digits also give their three-digit pieces (migration 0015).
  assert.deepEqual(digitTrigrams('3栋1201室 92号 ab345cd').sort(), ['120', '201', '345'].sort());
  assert.deepEqual(queryTerms('302').sort(), ['30', '02', '302'].sort());
});

test('finds two-character words: 退款, 漏水', async () => {
  assert.deepEqual(await search('退款'), [codes.refund]);
  assert.deepEqual(await search('漏水'), [codes.leak]);
});

test('two characters match only where they stand together in one field, in any case', async () => {
  assert.deepEqual(await search('退款'), [codes.refund], 'not 退 at the end of a title and 款 at the start of its content');
  assert.deepEqual(await search('请退'), [codes.split]);
  assert.deepEqual(await search('款项'), [codes.split]);
  assert.deepEqual(await search('CR'), [codes.english]);
  assert.deepEqual(await search('ts'), Object.values(codes).sort(), 'every code starts with TS-');
});

test('finds a four-character phrase, and only in that order', async () => {
  assert.deepEqual(await search('经常困人'), [codes.lift]);
  assert.deepEqual(await search('困人经常'), []);
});

test('finds an English word whatever its case', async () => {
  assert.deepEqual(await search('replacement'), [codes.english]);
  assert.deepEqual(await search('CRACKED'), [codes.english]);
});

test('finds a complaint by its code and by part of it', async () => {
  assert.deepEqual(await search(codes.leak), [codes.leak]);
  assert.deepEqual(await search(codes.leak.toLowerCase()), [codes.leak]);
});

test('finds a phone number for a role that may see it, and a customer name', async () => {
  assert.deepEqual(await search('13912345678'), [codes.refund]);
  assert.deepEqual(await search('2345678'), [codes.refund]);
  assert.deepEqual(await search('赵敏'), [codes.lift]);
});

test('R-IN-4: a role that may not see contact details cannot find a complaint by its phone, only by the name', async () => {
  assert.deepEqual(await search('13912345678', 'auditor'), []);
  assert.deepEqual(await search('王伟', 'auditor'), [codes.refund]);
});

test('a single character is looked up in the index and finds complaints of any age, by text or by customer name', async () => {
  assert.deepEqual(await search('漏'), [codes.leak]);
  assert.deepEqual(await search('敏'), [codes.lift], 'the customer name counts too');
  assert.deepEqual(await search('王'), [codes.refund], 'a surname alone');
  assert.deepEqual(await search('R'), [codes.english], 'any case');
  assert.deepEqual(await search('卫 生'), [], 'characters between spaces must stand so in the text');
  t.clock.advance(40 * 24 * 3600 * 1000);
  assert.deepEqual(await search('漏'), [codes.leak], 'no window: forty days later it is still found');
  assert.deepEqual(await search('漏水'), [codes.leak]);
});

test('a complaint found both by its own text and by its customer is listed and counted once', async () => {
  // The total is counted over the complaints found by text and those found by customer apart, then
  // united (src/use-cases/list-complaints.ts, searchPage): the one found both ways must not count twice.
  const post = async (customer: { name: string; phone: string }, title: string, content: string) => {
    const res = await t.api(
      'POST',
      '/api/complaints',
      { unitId: units.property.id, channel: 'phone', customer, title, content },
      { as: users.agent },
    );
    assert.equal(res.statusCode, 201, res.body);
    return res.json().code as string;
  };
  const qian = { name: '钱多多', phone: '13300005555' };
  const both = await post(qian, '钱多多来电：车位被占', '业主钱多多反映地下车库车位长期被他人占用。');
  const textOnly = await post({ name: '孙丽', phone: '13300006666' }, '替邻居钱多多投诉', '邻居钱多多不在家，由我代为反映楼道堆物。');
  const customerOnly = await post(qian, '楼道灯不亮', '五楼楼道灯坏了一个月没人修。');
  const want = [both, textOnly, customerOnly].sort();
  assert.deepEqual(await search('钱多多'), want);
  assert.deepEqual(await search('钱'), want, 'one character: the same, each once');
  assert.deepEqual(await search('钱多多', 'auditor'), want, 'by name, without contact details');
});

test('a number is found by its digits, a room 302 apart from 2030 or 3 02', async () => {
  // Every complaint's code is full of digits too (TS-20261124-0001): 302 must still find the room alone.
  const post = async (title: string, content: string) => {
    const res = await t.api(
      'POST',
      '/api/complaints',
      { unitId: units.property.id, channel: 'phone', customer: { name: '吴磊', phone: '13300007777' }, title, content },
      { as: users.agent },
    );
    assert.equal(res.statusCode, 201, res.body);
    return res.json().code as string;
  };
  const room = await post('302室楼上渗水', '5栋302室天花板渗水，已持续一周。');
  const year = await post('车位费2030年到期', '车位租约写到2030年，物业要求一次付清。');
  const apart = await post('3号楼02单元门禁坏了', '3 02 单元门禁刷卡无反应。');
  assert.deepEqual(await search('302'), [room]);
  assert.deepEqual(await search('5栋302'), [room]);
  assert.deepEqual(await search('2030'), [year]);
  assert.deepEqual(await search('3 02'), [apart], 'digits apart are not a run');
  assert.deepEqual(await search('0000777'), [room, year, apart].sort(), "part of the customer's phone, for a role that may see it");
  assert.deepEqual(await search('0000777', 'handler'), [], 'not for a department');
});

test('does not find a text that is not there; LIKE wildcards are literal', async () => {
  assert.deepEqual(await search('停车收费'), []);
  assert.deepEqual(await search('%%'), []);
  assert.deepEqual(await search('退_'), []);
});

// Past the cap. Rows are cloned in SQL (the trigger fills their bigrams) rather than taken in through
// the API, which would take minutes for this many. The matches are older than the complaints that do
// not match, so a page of the newest matches is not among the first complaints of the queue's order and
// the search has to look beyond them.
const MATCHING = SEARCH_TOTAL_CAP + 100;
const NEWER_OTHERS = 400;

async function pages(query: string, maxPages = 100): Promise<{ ids: string[]; bodies: ListBody[] }> {
  const ids: string[] = [];
  const bodies: ListBody[] = [];
  let cursor: string | null = null;
  do {
    const res = await t.api('GET', `/api/complaints?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, undefined, {
      as: users.agent,
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as ListBody;
    bodies.push(body);
    ids.push(...body.items.map((i) => i.id));
    cursor = body.nextCursor;
  } while (cursor && bodies.length < maxPages);
  return { ids, bodies };
}

/** What ILIKE over every matching complaint gives, in the queue's order: what the pages must list. */
async function expected(word: string, sort: 'due' | 'received'): Promise<string[]> {
  const term = `%${word}%`;
  const order =
    sort === 'due' ? sql`coalesce(next_due_at, '9999-12-31T00:00:00Z'::timestamptz), received_at, id` : sql`received_at DESC, id DESC`;
  const r = await sql<{ id: string }>`SELECT id FROM complaints
    WHERE code ILIKE ${term} OR title ILIKE ${term} OR content ILIKE ${term} ORDER BY ${order}`.execute(t.deps.db);
  return r.rows.map((x) => x.id);
}

test('more matches than the cap: the total says "at least" the cap, and the pages still list every match once, in order', async () => {
  await sql`INSERT INTO complaints (code, unit_id, policy_id, channel, status, title, content, customer_id, received_at, next_due_at)
    SELECT 'BULK-' || lpad(i::text, 5, '0'), unit_id, policy_id, channel, 'received', '批量登记 ' || i,
      CASE WHEN i <= ${MATCHING} THEN '油卡重复扣费，要求退款，第 ' || i || ' 条' ELSE '发票开错了，第 ' || i || ' 条' END,
      customer_id,
      CASE WHEN i <= ${MATCHING} THEN received_at - make_interval(mins => i) ELSE received_at + make_interval(mins => i) END,
      CASE WHEN i % 3 = 0 THEN NULL ELSE received_at + make_interval(mins => (i * 7) % 500) END
    FROM complaints, generate_series(1, ${MATCHING + NEWER_OTHERS}) AS i WHERE code = ${codes.refund}`.execute(t.deps.db);

  for (const sort of ['received', 'due'] as const) {
    const want = await expected('退款', sort);
    assert.equal(want.length, MATCHING + 1);
    // limit=200: six pages; limit=25 with the due order: pages found in a different way than the first.
    for (const limit of sort === 'received' ? [200] : [25, 200]) {
      const { ids, bodies } = await pages(`q=${encodeURIComponent('退款')}&sort=${sort}&limit=${limit}`);
      for (const b of bodies) {
        assert.equal(b.totalCapped, true, 'flagged on every page');
        assert.equal(b.total, SEARCH_TOTAL_CAP, 'the cap, a lower bound of the real number');
      }
      assert.equal(new Set(ids).size, ids.length, 'no complaint twice across pages');
      assert.deepEqual(ids, want, `sort ${sort}, ${limit} a page: every match, in the queue's order`);
    }
  }
  // Matched through the customer's name (the bulk rows are the refund customer's, 王伟): the walk looks
  // each row's customer up by key, the count gathers the matching customers first; both must agree.
  const byName = (
    await sql<{ id: string }>`SELECT c.id FROM complaints c JOIN customers k ON k.id = c.customer_id
    WHERE k.name LIKE '%王伟%' OR c.code ILIKE '%王伟%' OR c.title ILIKE '%王伟%' OR c.content ILIKE '%王伟%'
    ORDER BY c.received_at DESC, c.id DESC`.execute(t.deps.db)
  ).rows.map((r) => r.id);
  assert.ok(byName.length > SEARCH_TOTAL_CAP);
  const named = await pages(`q=${encodeURIComponent('王伟')}&sort=received&limit=200`);
  assert.ok(named.bodies.every((b) => b.totalCapped && b.total === SEARCH_TOTAL_CAP));
  assert.deepEqual(named.ids, byName, 'every complaint of the customer named 王伟, newest first');
  const surname = await pages(`q=${encodeURIComponent('王')}&sort=received&limit=25`, 2);
  assert.deepEqual(surname.ids, byName.slice(0, 50), 'a surname alone: the same complaints, newest first');
  // With as many customers of that surname as a big centre has, the walk looks each walked row's
  // customer up instead of gathering them all (list-complaints.ts, PROBE_WHEN_CANDIDATES_PER_ROW): the
  // same pages. The customers added have no complaints, so the answer must not change.
  await sql`INSERT INTO customers (name, phone) SELECT '王' || i, '1390000' || lpad(i::text, 4, '0') FROM generate_series(1, 1200) AS i`.execute(
    t.deps.db,
  );
  const many = await pages(`q=${encodeURIComponent('王')}&sort=received&limit=25`, 2);
  assert.deepEqual(many.ids, byName.slice(0, 50), 'a surname shared by many customers: the same complaints, newest first');

  // Small pages: the newest matches lie behind the 400 newer complaints that do not match, so the first
  // page is found beyond the rows read in order (one a page) or only by reading further (two a page).
  const newest = (await expected('退款', 'received')).slice(0, 4);
  for (const limit of [1, 2]) {
    const { ids, bodies } = await pages(`q=${encodeURIComponent('退款')}&sort=received&limit=${limit}`, 4 / limit);
    assert.deepEqual(ids, newest, `${limit} a page`);
    assert.ok(bodies.every((b) => b.totalCapped && b.total === SEARCH_TOTAL_CAP));
  }
});

test('the search cap is only for text: the queue without q (its cap is QUEUE_TOTAL_CAP, test/http/queue-total.test.ts) and a search under the cap count exactly', async () => {
  const all = (await t.api('GET', '/api/complaints?limit=1', undefined, { as: users.agent })).json() as ListBody;
  const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM complaints`.execute(t.deps.db);
  assert.equal(all.total, n.rows[0].n);
  assert.ok(all.total > SEARCH_TOTAL_CAP);
  assert.equal(all.totalCapped, false);

  const some = (
    await t.api('GET', `/api/complaints?q=${encodeURIComponent('发票开错')}&limit=1`, undefined, { as: users.agent })
  ).json() as ListBody;
  assert.equal(some.total, NEWER_OTHERS);
  assert.equal(some.totalCapped, false);
  assert.equal(some.items.length, 1);
});

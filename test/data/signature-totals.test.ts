/**
 * Intake scores candidates from the features they share with the new text and each complaint's
 * signature totals, kept per process (src/data/signature-totals.ts). A complaint this process did not
 * take in is read from the database once; either way the totals are those of the stored signature.
 * Runs on PGlite and on PostgreSQL.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp } from '../helpers/test-app.ts';
import { totalsOf } from '../../src/data/signature-totals.ts';
import { signature, signatureTotals, complaintText } from '../../src/domain/similarity/index.ts';

const t = await createTestApp();
after(() => t.close());

test("R-SV-1: the totals of complaints taken in here and of one written by another process equal their signatures' totals", async () => {
  const text = { title: '3号楼顶楼漏水', content: '下雨天花板一直滴水，墙面发霉，物业不管' };
  const res = await t.api('POST', '/api/complaints', {
    unitId: 'u-re-garden',
    channel: 'phone',
    customer: { name: '李娜', phone: '13900000001' },
    ...text,
  });
  assert.equal(res.statusCode, 201, res.body);
  const id = res.json().id as string;
  // A row another process wrote: this one never saw its signature.
  const other = await sql<{ id: string }>`
    INSERT INTO complaints (code, unit_id, policy_id, channel, status, title, content, customer_id, received_at, signature)
    SELECT code || '-B', unit_id, policy_id, channel, status, '电梯困人', '2号楼电梯每天都困人', customer_id, received_at, ${sql.val(signature('电梯困人\n2号楼电梯每天都困人'))}::text[]
    FROM complaints WHERE id = ${id} RETURNING id`.execute(t.database.db);
  const otherId = other.rows[0].id;
  const totals = await totalsOf(t.database.db, [id, otherId]);
  assert.deepEqual(totals.get(id), signatureTotals(signature(complaintText(text))));
  assert.deepEqual(totals.get(otherId), signatureTotals(signature('电梯困人\n2号楼电梯每天都困人')));
  assert.notDeepEqual(totals.get(id), totals.get(otherId));
});

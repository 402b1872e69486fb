/**
 * The raw ceiling: what PostgreSQL itself does for an intake-shaped transaction on this machine, with
 * no HTTP, no validation, no rules — a customers row, a complaints row and its first event row in one
 * transaction, from a bare `pg` pool. Plaint's intake throughput is judged against this number.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { runLoad, type LoadResult } from './load.ts';
import { sampleComplaint, type ComplaintBody } from './complaint-samples.ts';

const POLICY_OF: Record<string, string> = {
  'u-re-garden': 'real-estate',
  'u-fuel-s1': 'fuel-retail',
  'u-food-plant': 'food',
  'u-prop-jx': 'property',
  'u-mfg-qa': 'manufacturing',
  'u-rest-zs': 'restaurant',
  'u-svc': 'service-centre',
};

/**
 * The ceiling's transaction: a customers row, a complaints row and its first event row, committed
 * together (rolled back on error, which is rethrown). The HTTP floor server (bench/http-floor-server.ts)
 * runs the very same transaction behind one Fastify route.
 */
export async function insertIntakeShapedRows(c: pg.PoolClient, body: ComplaintBody, code: string): Promise<string> {
  const now = new Date();
  try {
    await c.query('BEGIN');
    const cust = await c.query<{ id: string }>('INSERT INTO customers (name, phone, type) VALUES ($1, $2, $3) RETURNING id', [
      body.customer.name,
      body.customer.phone,
      null,
    ]);
    const complaint = await c.query<{ id: string }>(
      `INSERT INTO complaints (code, unit_id, policy_id, channel, status, level, level_rule, title, content, demands, customer_id, received_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'received', 'general', 'default', $5, $6, $7, $8, $9, $9, $9) RETURNING id`,
      [code, body.unitId, POLICY_OF[body.unitId], body.channel, body.title, body.content, body.demands, cust.rows[0].id, now],
    );
    const data = JSON.stringify({ channel: body.channel, receivedAt: now.toISOString() });
    const hash = createHash('sha256')
      .update(`${'0'.repeat(64)}|received|${data}`)
      .digest('hex');
    await c.query(
      `INSERT INTO complaint_events (complaint_id, seq, type, actor_label, at, data, prev_hash, hash) VALUES ($1, 1, 'received', 'bench', $2, $3, $4, $5)`,
      [complaint.rows[0].id, now, data, '0'.repeat(64), hash],
    );
    await c.query('COMMIT');
    return complaint.rows[0].id;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => {});
    throw e;
  }
}

/** `atEnd` runs when the load stops, before the pool's backends exit (to read their CPU time). */
export async function rawCeiling(databaseUrl: string, clients: number, seconds: number, atEnd: () => void = () => {}): Promise<LoadResult> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: clients });
  pool.on('error', () => {});
  // Open every connection before the clock starts, as the server's pool is warm when it is measured.
  await Promise.all(Array.from({ length: clients }, async () => (await pool.connect()).release()));
  const run = `${Date.now().toString(36)}`;
  try {
    const result = await runLoad({
      clients,
      seconds,
      op: async (n) => {
        const c = await pool.connect();
        try {
          await insertIntakeShapedRows(c, sampleComplaint(n), `RAW-${run}-${n}`);
          return null;
        } catch (e) {
          return (e as { code?: string }).code ?? 'Error';
        } finally {
          c.release();
        }
      },
    });
    atEnd();
    return result;
  } finally {
    await pool.end();
  }
}

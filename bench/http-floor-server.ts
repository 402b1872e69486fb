/**
 * The HTTP floor: the raw ceiling's transaction (bench/raw-ceiling.ts) behind one Fastify route, with a
 * JSON schema on the body and a bearer token compared in memory — no session lookup, no rules, no
 * similar check, no clocks. Run by `npm run bench` as a child process, like the real server, on the same
 * database and with the same pool size (PLAINT_DB_POOL, default 20) and load.
 *
 * It answers what part of the distance between the ceiling and Plaint's intake is simply being an HTTP
 * service on the same two cores as the database and the load generator: whatever the floor reaches,
 * an intake that also authenticates, applies the rules and checks for similar complaints cannot beat.
 */
import Fastify from 'fastify';
import pg from 'pg';
import { insertIntakeShapedRows } from './raw-ceiling.ts';
import type { ComplaintBody } from './complaint-samples.ts';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL must name the scratch database');
const token = process.env.FLOOR_TOKEN ?? 'floor';
const pool = new pg.Pool({ connectionString: databaseUrl, max: Number(process.env.PLAINT_DB_POOL ?? 20) || 20 });
pool.on('error', () => {});

const Text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;
const bodySchema = {
  type: 'object',
  required: ['unitId', 'channel', 'customer', 'title', 'content'],
  additionalProperties: false,
  properties: {
    unitId: Text(64),
    channel: { type: 'string', enum: ['phone', 'email', 'web', 'forum', 'letter', 'walk_in', 'regulator', 'api'] },
    receivedAt: { type: 'string', format: 'date-time' },
    customer: {
      type: 'object',
      required: ['name'],
      additionalProperties: false,
      properties: { name: Text(100), phone: Text(40), email: Text(200) },
    },
    title: Text(200),
    content: Text(20_000),
    demands: Text(5_000),
    batchNo: Text(64),
  },
} as const;

const app = Fastify({ logger: false });
app.get('/api/health', async () => ({ ok: true }));
app.post<{ Body: ComplaintBody }>('/api/complaints', { schema: { body: bodySchema } }, async (req, reply) => {
  if (req.headers.authorization !== `Bearer ${token}`) return reply.code(401).send({ message: 'bad token' });
  const c = await pool.connect();
  try {
    const code = `FLOOR-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    const id = await insertIntakeShapedRows(c, req.body, code);
    return reply.code(201).send({ id, code });
  } finally {
    c.release();
  }
});

await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
const stop = async () => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());

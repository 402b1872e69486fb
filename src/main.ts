/** Start-up: configuration, database and migrations, admin and demo data, web app, HTTP, sweeper. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, ConfigError } from './config.ts';
import { openDatabase } from './data/db.ts';
import { migrate } from './data/migrate.ts';
import { buildApp } from './http/app.ts';
import { ensureUser } from './use-cases/auth.ts';
import { seedDemo } from './seed/seed-demo.ts';
import { startSweeper } from './jobs/sweeper.job.ts';
import { ensureWebBuilt } from './web-build.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const log = (m: string) => console.log(`[plaint] ${m}`);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPool });
  log(`database: ${database.kind}${database.kind === 'pglite' ? ` (${path.join(config.dataDir, 'pglite')})` : ''}`);
  const { applied } = await migrate(database.db);
  if (applied.length) log(`migrations applied: ${applied.join(', ')}`);
  const deps = { db: database.db, now: () => new Date() };

  if (config.adminEmail && config.adminPassword) {
    await ensureUser(deps, { email: config.adminEmail, name: 'Administrator', password: config.adminPassword, role: 'admin', orgNodeId: null });
    log(`admin ensured: ${config.adminEmail}`);
  }
  let demo: Awaited<ReturnType<typeof seedDemo>> | null = null;
  if (config.demo) demo = await seedDemo(database.db, new Date());

  const webDir = config.web ? await ensureWebBuilt(ROOT, log) : null;
  const app = await buildApp({ deps, databaseKind: database.kind, sessionHours: config.sessionHours, attachmentsDir: path.join(config.dataDir, 'attachments'), logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel, webDir });
  const address = await app.listen({ port: config.port, host: config.host });
  const stopSweeper = config.sweepMs > 0 ? startSweeper(deps, config.sweepMs, (m, err) => (err ? console.error(`[plaint] ${m}`, err) : log(m))) : async () => {};

  log(`listening on ${address.replace('0.0.0.0', 'localhost')}  (API docs: /api/docs, portal: /portal)`);
  if (demo) {
    if (demo.complaints) log(`demo data seeded: ${demo.complaints} complaints`);
    log(`demo logins (password "${demo.password}"):`);
    for (const u of demo.users) log(`  ${u.role.padEnd(11)} ${u.email}`);
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log(`${signal}: shutting down`);
    await stopSweeper();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error('[plaint] failed to start:', err);
  process.exit(1);
});

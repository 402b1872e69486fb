/** Start-up: configuration, log key, database and migrations, first checkpoint, admin and demo data, web app, HTTP, sweeper, checkpoints. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, ConfigError } from './config.ts';
import { setPasswordCost } from './use-cases/password-hash.ts';
import { openDatabase } from './data/db.ts';
import { migrate } from './data/migrate.ts';
import { buildApp } from './http/app.ts';
import { ensureUser } from './use-cases/auth.ts';
import { seedDemo } from './seed/seed-demo.ts';
import { startSweeper } from './jobs/sweeper.job.ts';
import { startDelivery } from './jobs/delivery.job.ts';
import { startMailIntake } from './jobs/mail-intake.job.ts';
import { ensureDefaultMailbox } from './use-cases/mail-intake/mailboxes.ts';
import { describeCheckpoint, startCheckpoints } from './jobs/checkpoint.job.ts';
import { ensureCheckpoint } from './use-cases/write-checkpoint.ts';
import { loadLogKey } from './log-key.ts';
import { ensureWebBuilt } from './web-build.ts';
import { startControlSocket } from './backup/control-socket.ts';
import { makeBackup } from './use-cases/backup/make-backup.ts';
import { startNightlyBackups } from './jobs/nightly-backup.job.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
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
  setPasswordCost(config.passwordCost);
  if (config.passwordCost === 'minimal') log('new password hashes at the minimal cost (PLAINT_PASSWORD_COST, tests only)');
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPool });
  log(`database: ${database.kind}${database.kind === 'pglite' ? ` (${path.join(config.dataDir, 'pglite')})` : ''}`);
  const { applied } = await migrate(database.db);
  if (applied.length) log(`migrations applied: ${applied.join(', ')}`);
  const logKey = loadLogKey({ logKeyHex: config.logKeyHex, dataDir: config.dataDir });
  log(`event log key: ${logKey.from}`);
  if (config.databaseUrl && !config.logKeyHex)
    log('DATABASE_URL without PLAINT_LOG_KEY: every process on this database must use this same key file');
  const deps = { db: database.db, now: () => new Date(), logKey: logKey.key, publicUrl: config.publicUrl };
  // The key is not in the database, so the migration cannot sign the logs it upgrades: this does, at once.
  const first = describeCheckpoint(await ensureCheckpoint(deps));
  if (first) log(first);

  if (config.adminEmail && config.adminPassword) {
    await ensureUser(deps, {
      email: config.adminEmail,
      name: 'Administrator',
      password: config.adminPassword,
      role: 'admin',
      orgNodeId: null,
    });
    log(`admin ensured: ${config.adminEmail}`);
  }
  let demo: Awaited<ReturnType<typeof seedDemo>> | null = null;
  if (config.demo) demo = await seedDemo(database.db, new Date(), deps.logKey);
  if (config.imapUrl && config.imapUnit) {
    const mailbox = await ensureDefaultMailbox(deps, config.imapUrl, config.imapUnit);
    log(
      `e-mail intake: ${mailbox.urlHint} (folder ${mailbox.folder}) → ${mailbox.unitName}${mailbox.enabled ? '' : ' (disabled by an administrator)'}`,
    );
  }

  const webDir = config.web ? await ensureWebBuilt(ROOT, log) : null;
  const backups =
    database.kind === 'pglite'
      ? { dir: path.join(config.dataDir, 'backups'), at: config.backupAt, timeZone: config.backupTimeZone, keep: config.backupKeep }
      : null;
  const app = await buildApp({
    deps,
    databaseKind: database.kind,
    sessionHours: config.sessionHours,
    attachmentsDir: path.join(config.dataDir, 'attachments'),
    logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel,
    webDir,
    backups,
  });
  const address = await app.listen({ port: config.port, host: config.host });
  const jobLog = (m: string, err?: unknown) => (err ? console.error(`[plaint] ${m}`, err) : log(m));
  const stopSweeper = config.sweepMs > 0 ? startSweeper(deps, config.sweepMs, jobLog) : async () => {};
  const stopCheckpoints = startCheckpoints(deps, config.checkpointMs, jobLog);
  // Issue #14: every process delivers the outbox; claims skip rows another process holds.
  const stopDelivery =
    config.deliveryMs > 0
      ? startDelivery(deps, config.deliveryMs, { smtp: { url: config.smtpUrl, from: config.mailFrom } }, jobLog)
      : async () => {};
  // Issue #14 item 6: every process polls the mailboxes; a claim skips mailboxes another process holds.
  const stopMailIntake =
    config.imapPollMs > 0
      ? startMailIntake(deps, config.imapPollMs, { attachmentsDir: path.join(config.dataDir, 'attachments') }, jobLog)
      : async () => {};
  // Embedded: this process alone may open PGlite's files, so backups are written here (README, "Backup and restore").
  const backup = (file: string) => makeBackup({ database, databaseUrl: null, dataDir: config.dataDir, logKeyHex: config.logKeyHex }, file);
  const stopSocket = database.kind === 'pglite' ? await startControlSocket(config.dataDir, backup) : async () => {};
  const stopNightly = backups?.at ? startNightlyBackups({ ...backups, at: backups.at, backup, log: jobLog }) : async () => {};

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
    await stopDelivery();
    await stopMailIntake();
    await stopNightly();
    await stopSocket();
    await app.close();
    // After the HTTP server has drained, so the last checkpoint covers every event this process wrote.
    await stopCheckpoints();
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

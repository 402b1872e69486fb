/**
 * One Plaint process's parts, started in order and stopped in reverse: log key, database and migrations,
 * first checkpoint, admin and demo data, web app, HTTP, and the background jobs (sweeper, checkpoints,
 * delivery, e-mail intake, backups). src/main.ts calls it with the environment's configuration and stops it
 * on a signal; the browser tests call it inside their test process (test/e2e/server.ts), so the same start-up
 * serves them without a process, tsx and the app's modules loaded again for every test file.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './data/db.ts';
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
import type { Deps } from './use-cases/context.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface RunningPlaint {
  /** The address it listens on, e.g. http://127.0.0.1:3000. */
  address: string;
  /** Stops the jobs, drains HTTP, writes the last checkpoint and closes the database. */
  stop(): Promise<void>;
}

/** `log` takes the start-up's lines and the jobs' reports; `logError` a job's failures. */
export async function startPlaint(
  config: Config,
  log: (line: string) => void,
  logError: (line: string, err: unknown) => void,
): Promise<RunningPlaint> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPool });
  log(`database: ${database.kind}${database.kind === 'pglite' ? ` (${path.join(config.dataDir, 'pglite')})` : ''}`);
  const backups = backupSettings(config, database.kind);
  let served: Awaited<ReturnType<typeof serve>>;
  try {
    served = await serve(database, config, backups, log);
  } catch (e) {
    await database.close();
    throw e;
  }
  const { deps, app, address, demo } = served;
  const jobLog = (m: string, err?: unknown) => (err ? logError(m, err) : log(m));
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

  let stopping: Promise<void> | null = null;
  const stop = async () => {
    await stopSweeper();
    await stopDelivery();
    await stopMailIntake();
    await stopNightly();
    await stopSocket();
    await app.close();
    // After the HTTP server has drained, so the last checkpoint covers every event this process wrote.
    await stopCheckpoints();
    await database.close();
  };
  return {
    address,
    stop: () => {
      stopping ??= stop();
      return stopping;
    },
  };
}

/** Embedded only: the nightly backups into DATA_DIR/backups. */
function backupSettings(config: Config, kind: Database['kind']) {
  return kind === 'pglite'
    ? { dir: path.join(config.dataDir, 'backups'), at: config.backupAt, timeZone: config.backupTimeZone, keep: config.backupKeep }
    : null;
}

/** Migrations, the log key and first checkpoint, the admin, demo data and default mailbox, then HTTP listening. */
async function serve(database: Database, config: Config, backups: ReturnType<typeof backupSettings>, log: (line: string) => void) {
  const { applied } = await migrate(database.db);
  if (applied.length) log(`migrations applied: ${applied.join(', ')}`);
  const logKey = loadLogKey({ logKeyHex: config.logKeyHex, dataDir: config.dataDir });
  log(`event log key: ${logKey.from}`);
  if (config.databaseUrl && !config.logKeyHex)
    log('DATABASE_URL without PLAINT_LOG_KEY: every process on this database must use this same key file');
  const deps: Deps = { db: database.db, now: () => new Date(), logKey: logKey.key, publicUrl: config.publicUrl };
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
  const demo = config.demo ? await seedDemo(database.db, new Date(), deps.logKey) : null;
  if (config.imapUrl && config.imapUnit) {
    const mailbox = await ensureDefaultMailbox(deps, config.imapUrl, config.imapUnit);
    log(
      `e-mail intake: ${mailbox.urlHint} (folder ${mailbox.folder}) → ${mailbox.unitName}${mailbox.enabled ? '' : ' (disabled by an administrator)'}`,
    );
  }
  const app = await buildApp({
    deps,
    databaseKind: database.kind,
    sessionHours: config.sessionHours,
    attachmentsDir: path.join(config.dataDir, 'attachments'),
    logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel,
    webDir: config.web ? await ensureWebBuilt(ROOT, log) : null,
    backups,
  });
  try {
    const address = await app.listen({ port: config.port, host: config.host });
    return { deps, app, address, demo };
  } catch (e) {
    await app.close();
    throw e;
  }
}

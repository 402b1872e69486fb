/**
 * Every environment variable Plaint reads, parsed once at start-up. All problems are collected and
 * reported together so an operator fixes them in one pass.
 */
import path from 'node:path';
import type { PasswordCost } from './use-cases/password-hash.ts';

export interface Config {
  /** HTTP port (PORT, default 3000). */
  port: number;
  /** Listen address (HOST, default 0.0.0.0). */
  host: string;
  /** PostgreSQL connection string (DATABASE_URL). When unset, the embedded PGlite database is used. */
  databaseUrl: string | null;
  /** PostgreSQL connections per process (PLAINT_DB_POOL, default 20). */
  dbPool: number;
  /** Directory of the embedded database and attachments (DATA_DIR, default ./data). */
  dataDir: string;
  /** 'production' never seeds demo data (NODE_ENV). */
  production: boolean;
  /** Seed demo data on an empty database (PLAINT_DEMO, default on outside production). */
  demo: boolean;
  /** Admin ensured at start-up (PLAINT_ADMIN_EMAIL / PLAINT_ADMIN_PASSWORD). */
  adminEmail: string | null;
  adminPassword: string | null;
  /** Session lifetime in hours (PLAINT_SESSION_HOURS, default 12). */
  sessionHours: number;
  /** Background sweeper interval in ms (PLAINT_SWEEP_MS, default 30000; 0 disables). */
  sweepMs: number;
  /** Event log key as 64 hex digits (PLAINT_LOG_KEY); when unset, DATA_DIR/log.key (src/log-key.ts). */
  logKeyHex: string | null;
  /** Event log checkpoint interval in ms (PLAINT_CHECKPOINT_MS, default 300000; 0 disables the periodic ones). */
  checkpointMs: number;
  /** Log level (LOG_LEVEL, default info; 'silent' in tests). */
  logLevel: string;
  /** Embedded only: nightly backup time "HH:MM" into DATA_DIR/backups (PLAINT_BACKUP_AT, default 03:00; "off" disables). */
  backupAt: string | null;
  /** Time zone of backupAt (PLAINT_BACKUP_TZ, default Asia/Shanghai). */
  backupTimeZone: string;
  /** Nightly backups kept (PLAINT_BACKUP_KEEP, default 7). */
  backupKeep: number;
  /** Serve the web app from web/dist and build it when missing or stale (PLAINT_WEB, default on). */
  web: boolean;
  /** Default SMTP server for notification e-mail, e.g. smtp://user:pass@host:587 (PLAINT_SMTP_URL; issue #14). */
  smtpUrl: string | null;
  /** Sender of notification e-mail (PLAINT_MAIL_FROM, default "Plaint <plaint@localhost>"). */
  mailFrom: string;
  /** The console's public address, for links in messages (PLAINT_PUBLIC_URL, e.g. https://plaint.example.com). */
  publicUrl: string;
  /** How often the outbox worker looks for due messages, in ms (PLAINT_DELIVERY_MS, default 2000; 0 disables). */
  deliveryMs: number;
  /** Default mailbox of the e-mail intake, e.g. imap://user:pass@host:143/INBOX (PLAINT_IMAP_URL; issue #14 item 6). */
  imapUrl: string | null;
  /** The unit whose complaints the default mailbox takes in (PLAINT_IMAP_UNIT, required with PLAINT_IMAP_URL). */
  imapUnit: string | null;
  /** How often each mailbox is polled, in ms (PLAINT_IMAP_POLL_MS, default 30000; 0 disables the intake). */
  imapPollMs: number;
  /** argon2id's cost for new password hashes (PLAINT_PASSWORD_COST, default standard; minimal only under NODE_ENV=test). */
  passwordCost: PasswordCost;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n - ${problems.join('\n - ')}`);
  }
}

function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
    return fallback;
  }
  return n;
}

function boolVar(env: NodeJS.ProcessEnv, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  problems.push(`${name} must be true or false, got "${raw}"`);
  return fallback;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const production = env.NODE_ENV === 'production';
  const databaseUrl = env.DATABASE_URL && env.DATABASE_URL.trim() !== '' ? env.DATABASE_URL.trim() : null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push(`DATABASE_URL must start with postgres:// or postgresql://`);
  }
  const adminEmail = env.PLAINT_ADMIN_EMAIL?.trim() || null;
  const adminPassword = env.PLAINT_ADMIN_PASSWORD || null;
  if ((adminEmail === null) !== (adminPassword === null)) {
    problems.push('PLAINT_ADMIN_EMAIL and PLAINT_ADMIN_PASSWORD must be set together');
  }
  if (adminPassword !== null && adminPassword.length < 10) {
    problems.push('PLAINT_ADMIN_PASSWORD must be at least 10 characters');
  }
  const logKeyHex = env.PLAINT_LOG_KEY?.trim() || null;
  if (logKeyHex !== null && !/^[0-9a-fA-F]{64}$/.test(logKeyHex)) {
    problems.push('PLAINT_LOG_KEY must be 64 hex digits (32 bytes), e.g. the output of: openssl rand -hex 32');
  }
  const backupRaw = env.PLAINT_BACKUP_AT?.trim() || '03:00';
  const backupAt = backupRaw.toLowerCase() === 'off' ? null : backupRaw;
  if (backupAt !== null && !/^([01]\d|2[0-3]):[0-5]\d$/.test(backupAt))
    problems.push(`PLAINT_BACKUP_AT must be HH:MM (24-hour) or off, got "${backupRaw}"`);
  const backupTimeZone = env.PLAINT_BACKUP_TZ?.trim() || 'Asia/Shanghai';
  if (!isTimeZone(backupTimeZone))
    problems.push(`PLAINT_BACKUP_TZ must be an IANA time zone such as Asia/Shanghai, got "${backupTimeZone}"`);
  const demo = boolVar(env, 'PLAINT_DEMO', !production, problems);
  const smtpUrl = env.PLAINT_SMTP_URL?.trim() || null;
  if (smtpUrl !== null && !/^smtps?:\/\/[^/]/.test(smtpUrl))
    problems.push(`PLAINT_SMTP_URL must start with smtp:// or smtps://, e.g. smtp://user:pass@host:587`);
  const publicUrl = env.PLAINT_PUBLIC_URL?.trim().replace(/\/+$/, '') || '';
  if (publicUrl && !/^https?:\/\/[^/]/.test(publicUrl))
    problems.push(`PLAINT_PUBLIC_URL must start with http:// or https://, got "${publicUrl}"`);
  const imapUrl = env.PLAINT_IMAP_URL?.trim() || null;
  const imapUnit = env.PLAINT_IMAP_UNIT?.trim() || null;
  if (imapUrl !== null && !/^imaps?:\/\/[^/]/.test(imapUrl))
    problems.push('PLAINT_IMAP_URL must start with imap:// or imaps://, e.g. imap://user:pass@host:143/INBOX');
  if ((imapUrl === null) !== (imapUnit === null)) problems.push('PLAINT_IMAP_URL and PLAINT_IMAP_UNIT must be set together');
  const passwordCostRaw = env.PLAINT_PASSWORD_COST?.trim() || 'standard';
  let passwordCost: PasswordCost = 'standard';
  if (passwordCostRaw === 'minimal' && env.NODE_ENV === 'test') passwordCost = 'minimal';
  else if (passwordCostRaw === 'minimal')
    problems.push(`PLAINT_PASSWORD_COST=minimal is for the test suite only (NODE_ENV=test); unset it to hash at the standard cost`);
  else if (passwordCostRaw !== 'standard') problems.push(`PLAINT_PASSWORD_COST must be standard or minimal, got "${passwordCostRaw}"`);
  const config: Config = {
    port: intVar(env, 'PORT', 3000, 0, 65535, problems),
    host: env.HOST?.trim() || '0.0.0.0',
    databaseUrl,
    dbPool: intVar(env, 'PLAINT_DB_POOL', 20, 1, 500, problems),
    dataDir: path.resolve(env.DATA_DIR?.trim() || './data'),
    production,
    demo: production ? false : demo,
    adminEmail,
    adminPassword,
    sessionHours: intVar(env, 'PLAINT_SESSION_HOURS', 12, 1, 24 * 90, problems),
    sweepMs: intVar(env, 'PLAINT_SWEEP_MS', 30000, 0, 24 * 3600 * 1000, problems),
    logKeyHex,
    checkpointMs: intVar(env, 'PLAINT_CHECKPOINT_MS', 300000, 0, 24 * 3600 * 1000, problems),
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    backupAt,
    backupTimeZone,
    backupKeep: intVar(env, 'PLAINT_BACKUP_KEEP', 7, 1, 366, problems),
    web: boolVar(env, 'PLAINT_WEB', true, problems),
    smtpUrl,
    mailFrom: env.PLAINT_MAIL_FROM?.trim() || 'Plaint <plaint@localhost>',
    // Links in messages must be absolute to work in a mail client: without PLAINT_PUBLIC_URL, this machine's own address.
    publicUrl: publicUrl || `http://localhost:${intVar(env, 'PORT', 3000, 0, 65535, [])}`,
    deliveryMs: intVar(env, 'PLAINT_DELIVERY_MS', 2000, 0, 3600 * 1000, problems),
    imapUrl,
    imapUnit,
    imapPollMs: intVar(env, 'PLAINT_IMAP_POLL_MS', 30000, 0, 24 * 3600 * 1000, problems),
    passwordCost,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

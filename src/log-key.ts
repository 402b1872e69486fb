/**
 * The event log key (docs/SECURITY.md, "Event log"): PLAINT_LOG_KEY, or else DATA_DIR/log.key, made
 * with 32 random bytes and mode 0600 at first start. It is never stored in the database, so whoever can
 * only write the tables cannot re-sign a rewritten log. Every process sharing one PostgreSQL must use
 * the same key (the same PLAINT_LOG_KEY, or the same file), or each would report the others' events
 * as edited.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export const LOG_KEY_FILE = 'log.key';

export interface LogKeySource {
  /** PLAINT_LOG_KEY: 64 hex digits (32 bytes), already checked by loadConfig. */
  logKeyHex: string | null;
  dataDir: string;
}

export function loadLogKey(src: LogKeySource): { key: Buffer; from: string } {
  if (src.logKeyHex) return { key: Buffer.from(src.logKeyHex, 'hex'), from: 'PLAINT_LOG_KEY' };
  const file = path.join(src.dataDir, LOG_KEY_FILE);
  fs.mkdirSync(src.dataDir, { recursive: true });
  try {
    // 'wx': two processes starting at once on one DATA_DIR cannot both create it; the loser reads the winner's.
    fs.writeFileSync(file, randomBytes(32), { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const key = fs.readFileSync(file);
  if (key.length < 32) throw new Error(`${file} holds ${key.length} bytes; the log key needs 32`);
  return { key, from: file };
}

/** Restoring an embedded database from PGlite's own data-directory tarball (Database.dumpEmbedded). */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLITE_OPTIONS } from './db.ts';

export function embeddedDir(dataDir: string): string {
  return path.join(dataDir, 'pglite');
}

/** True when DATA_DIR/pglite holds no database yet. */
export function embeddedIsEmpty(dataDir: string): boolean {
  const dir = embeddedDir(dataDir);
  return !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;
}

export async function restoreEmbedded(dataDir: string, tarball: Buffer): Promise<void> {
  const dir = embeddedDir(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  // PGlite unpacks the tarball into the empty directory (it refuses one that holds a database).
  const client = new PGlite(dir, { ...PGLITE_OPTIONS, loadDataDir: new Blob([new Uint8Array(tarball)]) });
  await client.waitReady;
  await client.query('CHECKPOINT');
  await client.close();
}

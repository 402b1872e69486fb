/**
 * npm run backup -- <file>: a backup of the configured DATA_DIR / DATABASE_URL (README, "Backup and
 * restore"). Embedded: the running server writes it (DATA_DIR/plaint.sock); with no server, this opens
 * the files itself. PostgreSQL: pg_dump when on PATH (PLAINT_BACKUP_LOGICAL=1 skips it), else a logical dump.
 */
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/data/db.ts';
import { requestServerBackup } from '../src/backup/control-socket.ts';
import { makeBackup } from '../src/use-cases/backup/make-backup.ts';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run backup -- <file.tar>');
  process.exit(2);
}
const target = path.resolve(file);
const config = loadConfig();
try {
  const viaServer = config.databaseUrl ? null : await requestServerBackup(config.dataDir, target);
  if (viaServer) console.log(`backup written by the running server: ${viaServer.file} (${viaServer.bytes} bytes)`);
  else {
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
    try {
      const r = await makeBackup(
        { database, databaseUrl: config.databaseUrl, dataDir: config.dataDir, logKeyHex: config.logKeyHex },
        target,
      );
      console.log(
        `backup written: ${r.file} (${r.bytes} bytes; database: ${r.manifest.database.kind}, ${r.manifest.attachments} attachments, log key ${r.manifest.logKey})`,
      );
    } finally {
      await database.close();
    }
  }
} catch (e) {
  console.error(`backup failed: ${(e as Error).message}`);
  process.exitCode = 1;
}

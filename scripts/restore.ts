/**
 * npm run restore -- <file>: restores a backup into the configured DATA_DIR (and with DATABASE_URL into
 * that database). Both must be empty; otherwise nothing is written and the exit code is 1.
 */
import { loadConfig } from '../src/config.ts';
import { restoreBackup } from '../src/use-cases/backup/restore-backup.ts';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run restore -- <file.tar>');
  process.exit(2);
}
const config = loadConfig();
try {
  const m = await restoreBackup(file, { dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  console.log(`restored the backup of ${m.createdAt}: database (${m.database.kind}), ${m.attachments} attachments, log key ${m.logKey}`);
  if (m.logKey !== 'included')
    console.log('start the server with the same PLAINT_LOG_KEY as the backed-up one, or verify-log reports every event as edited');
} catch (e) {
  console.error(`restore failed: ${(e as Error).message}`);
  process.exitCode = 1;
}

/** npm run verify-log: checks every complaint's event hash chain on the configured database. */
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/data/db.ts';
import { verifyEventLog } from '../src/use-cases/verify-event-log.ts';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const report = await verifyEventLog({ db: database.db, now: () => new Date() });
  console.log(`checked ${report.events} events of ${report.complaints} complaints on ${database.kind}`);
  if (report.broken.length === 0) {
    console.log('every chain is intact');
  } else {
    for (const b of report.broken) console.log(`BROKEN ${b.code} (${b.complaintId}) at event ${b.seq}: ${b.reason}`);
    process.exitCode = 1;
  }
} finally {
  await database.close();
}

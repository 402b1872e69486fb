/**
 * npm run verify-log: checks every complaint's event chain on the configured database, and compares the
 * log with its newest signed checkpoint (docs/SECURITY.md, "Event log"). Needs the log key the server
 * uses: the same PLAINT_LOG_KEY, or the same DATA_DIR (for DATA_DIR/log.key). Exit code 1 on any finding.
 */
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/data/db.ts';
import { loadLogKey } from '../src/log-key.ts';
import { verifyEventLog } from '../src/use-cases/verify-event-log.ts';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const logKey = loadLogKey({ logKeyHex: config.logKeyHex, dataDir: config.dataDir });
  const report = await verifyEventLog({ db: database.db, now: () => new Date(), logKey: logKey.key });
  console.log(`checked ${report.events} events of ${report.complaints} complaints on ${database.kind} (log key: ${logKey.from})`);
  const cp = report.checkpoint!;
  if (cp.status === 'none') console.log(cp.problem ? `NO CHECKPOINT: ${cp.problem}` : 'no checkpoint yet (empty log)');
  else if (cp.status === 'invalid') console.log(`CHECKPOINT INVALID${cp.id !== null ? ` (${cp.id} of ${cp.at})` : ''}: ${cp.problem}`);
  else console.log(`checkpoint ${cp.id} of ${cp.at} is validly signed: ${cp.complaints} complaints, ${cp.events} events`);
  for (const b of report.broken) console.log(`BROKEN ${b.code ?? '(deleted complaint)'} (${b.complaintId}) at event ${b.seq}: ${b.reason}`);
  if (report.intact) console.log('every chain is intact and continues from the checkpoint');
  else process.exitCode = 1;
} finally {
  await database.close();
}

/**
 * Runs every *.test.ts file under the given directories in this one process (`npm run test:unit`).
 * The domain's tests are pure functions with no shared state, and a process per file would pay
 * tsx's start-up (~0.8 s) twenty times; node:test runs what the imports register and sets the exit
 * code on a failure, as `node --test` would.
 */
import { importTestFiles } from './test-files.ts';

const dirs = process.argv.slice(2);
if (dirs.length === 0) throw new Error('usage: node --import tsx test/helpers/one-process.ts <dir>…');
await importTestFiles(dirs);

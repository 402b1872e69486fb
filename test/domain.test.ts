/**
 * The domain's tests (test/domain) as one test file of `npm test`: pure functions with no I/O and no shared
 * state, so a process per file paid tsx's start-up 37 times (~1.5 s of CPU each, ~55 s a pass) for ~10 s of
 * tests. `npm run test:unit` is this file alone.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTestFiles } from './helpers/test-files.ts';

await importTestFiles([path.join(path.dirname(fileURLToPath(import.meta.url)), 'domain')]);

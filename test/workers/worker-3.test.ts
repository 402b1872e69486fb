/** Test worker 3 of `npm test`: runs queued test files until none is left (test/helpers/test-queue.ts). */
import { runQueuedTestFiles } from '../helpers/test-queue.ts';

await runQueuedTestFiles();

/**
 * Run by `npm test` before the test files start: builds the web app when it is stale and makes the run's
 * browser-test server template (test/e2e/server.ts), so the first browser-test file does not spend its
 * time limit on them while other files load the machine.
 */
import { buildWebOnce, serverTemplate } from './server.ts';
import { prepareQueue } from '../helpers/test-queue.ts';

const started = Date.now();
prepareQueue();
await buildWebOnce();
await serverTemplate();
console.log(`[test] web app and browser-test server template ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);

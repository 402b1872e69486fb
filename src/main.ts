/** The process: its configuration from the environment, Plaint started (src/start-plaint.ts), stopped on SIGINT or SIGTERM. */
import { loadConfig, ConfigError } from './config.ts';
import { setPasswordCost } from './use-cases/password-hash.ts';
import { startPlaint } from './start-plaint.ts';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const log = (m: string) => console.log(`[plaint] ${m}`);
  setPasswordCost(config.passwordCost);
  if (config.passwordCost === 'minimal') log('new password hashes at the minimal cost (PLAINT_PASSWORD_COST, tests only)');
  // The handlers are in place before start-up: a SIGTERM that comes while the server is still starting (it
  // says "listening" before start-up has returned) waits for it and then stops it properly, with the event
  // log's shutdown checkpoint, instead of killing the process half-started.
  let plaint: Awaited<ReturnType<typeof startPlaint>> | null = null;
  let asked: string | null = null;
  let closing = false;
  const shutdown = async (signal: string) => {
    if (!plaint) {
      asked ??= signal;
      return;
    }
    if (closing) return;
    closing = true;
    log(`${signal}: shutting down`);
    await plaint.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  plaint = await startPlaint(config, log, (m, err) => console.error(`[plaint] ${m}`, err));
  if (asked) await shutdown(asked);
}

main().catch((err) => {
  console.error('[plaint] failed to start:', err);
  process.exit(1);
});

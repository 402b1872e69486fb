/**
 * A lock between test processes on one machine: a directory, since mkdir either creates it or fails.
 * Two test files building the web app or unpacking the packaged Chromium at once would spoil each
 * other's output.
 */
import fs from 'node:fs';

export async function underLock<T>(lock: string, fn: () => Promise<T>): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // A lock left by a crashed run is taken over after two minutes.
      if (Date.now() - started > 120_000) fs.rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

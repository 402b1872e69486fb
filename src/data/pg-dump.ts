/**
 * PostgreSQL backups with the server's own tools: pg_dump (custom format) and pg_restore, when they are
 * on PATH. PLAINT_BACKUP_LOGICAL=1 skips them (src/data/logical-dump.ts is used instead).
 */
import { spawn } from 'node:child_process';

function run(cmd: string, args: string[]): Promise<{ code: number | null; stderr: string; missing: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', (e: NodeJS.ErrnoException) => resolve({ code: null, stderr: e.message, missing: e.code === 'ENOENT' }));
    child.on('close', (code) => resolve({ code, stderr, missing: false }));
  });
}

export async function pgToolAvailable(tool: 'pg_dump' | 'pg_restore', env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  if (['1', 'true', 'yes', 'on'].includes((env.PLAINT_BACKUP_LOGICAL ?? '').toLowerCase())) return false;
  const r = await run(tool, ['--version']);
  return r.code === 0;
}

/** pg_dump's custom format: one consistent snapshot of the whole database. */
export async function pgDump(databaseUrl: string, outFile: string): Promise<void> {
  const r = await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${outFile}`, `--dbname=${databaseUrl}`]);
  if (r.code !== 0) throw new Error(`pg_dump failed: ${r.stderr.trim()}`);
}

export async function pgRestore(databaseUrl: string, dumpFile: string): Promise<void> {
  const r = await run('pg_restore', [
    '--no-owner',
    '--no-privileges',
    '--exit-on-error',
    '--single-transaction',
    `--dbname=${databaseUrl}`,
    dumpFile,
  ]);
  if (r.missing) throw new Error('this backup was made with pg_dump; restoring it needs pg_restore on PATH');
  if (r.code !== 0) throw new Error(`pg_restore failed: ${r.stderr.trim()}`);
}

/**
 * CPU time spent by the Plaint process and by the PostgreSQL backends serving one database, read
 * from /proc. The machine is shared and small, so throughput moves with whatever else runs; CPU
 * time per complaint does not, and it says where an intake's cost goes.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let ticksPerSecond = 100;
try {
  ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
} catch {
  /* 100 on every Linux this runs on */
}

/** utime + stime of one process in ms, or 0 once it has gone. */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces; the fields after its closing parenthesis are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return 0;
  }
}

/** CPU ms per PostgreSQL backend connected to `database` (titles read "postgres: [cluster: ]user db host …"). */
export function backendCpuMs(database: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let title: string;
    try {
      title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    const m = /^postgres: (?:\S+: )?\S+ (\S+) /.exec(title);
    if (m && m[1] === database) out.set(Number(entry), processCpuMs(Number(entry)));
  }
  return out;
}

/** CPU ms the backends of `database` used since `before` (backends started since count from zero). */
export function backendCpuSince(database: string, before: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of backendCpuMs(database)) total += ms - (before.get(pid) ?? 0);
  return total;
}

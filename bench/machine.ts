/** What every benchmark prints and records about where it ran, and the loopback-only guard. */
import os from 'node:os';

/** The machine may be shared: the load average says how much else was running. */
export const loadAverage = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

export function machineInfo() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverageAtStart: loadAverage(),
  };
}

/** Benchmarks create and drop databases: never against anything but this machine. */
export function assertLoopback(url: string): void {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) throw new Error(`bench runs against loopback only, got ${host}`);
}

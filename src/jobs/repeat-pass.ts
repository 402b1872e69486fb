/**
 * A background job's rhythm in one process: the first pass at once, each next one `intervalMs` after the
 * previous ends (passes never overlap, however long one takes), and a stop that waits for the running
 * pass. The pass is told when the job is stopping, so one that goes round again can end early. Passes
 * catch their own errors: a job outlives a failed pass.
 */
export function repeatPass(intervalMs: number, pass: (stopping: () => boolean) => Promise<void>): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const stopping = () => stopped;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = pass(stopping).finally(schedule);
    }, intervalMs);
    timer.unref();
  };
  running = pass(stopping).finally(schedule);
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}

/** Liveness: the database answers. A dead one makes this throw, which the error handler turns into 503. */
import type { Deps } from './context.ts';
import { ping } from '../data/db.ts';

export async function checkDatabase(deps: Deps): Promise<void> {
  await ping(deps.db);
}

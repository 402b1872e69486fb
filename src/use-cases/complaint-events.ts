/** A complaint's append-only event log, oldest first (the caller has checked the reader's right to it). */
import type { Deps } from './context.ts';
import { listEvents, type StoredEvent } from '../data/complaint-store.ts';

export async function complaintEvents(deps: Deps, complaintId: string): Promise<StoredEvent[]> {
  return listEvents(deps.db, complaintId);
}

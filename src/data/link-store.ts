/** Links between complaints written after intake (an intake's similar links are part of its one write). */
import type { Db } from './complaint-store.ts';

/** A contested record and the complaint it contests point at each other (R-LC-4). */
export async function linkContest(trx: Db, contestId: string, contestedId: string): Promise<void> {
  await trx
    .insertInto('complaint_links')
    .values([
      { from_id: contestId, to_id: contestedId, kind: 'contests' },
      { from_id: contestedId, to_id: contestId, kind: 'contested_by' },
    ])
    .execute();
}

/**
 * Records compensation given on a complaint with who approved it (#15 item 5, S0 food 9.2): the pack's
 * authority tiers decide whose approval it needs (domain/assessment/compensation-authority.ts); the approver's
 * positions are those they hold at the complaint's unit or above. The record is a `compensation_given` event
 * in the complaint's chained log, written in one transaction under the complaint's lock.
 */
import type { Deps, Actor } from '../context.ts';
import { appendEvents } from '../../data/complaint-store.ts';
import { configSnapshot } from '../../data/config-cache.ts';
import { inTransaction } from '../../data/transaction.ts';
import { decideCompensation, type CompensationGiven } from '../../domain/assessment/compensation-authority.ts';
import { DomainError } from '../../domain/errors.ts';
import type { StoredEvent } from '../../domain/chain-events.ts';
import type { EventDataByType } from '../../domain/events.ts';
import { lockOr404, packOf } from '../casework/common.ts';

type Given = EventDataByType['compensation_given'];

/** A `compensation_given` event as the complaint page lists it: its data, with the approver as one object. */
export type CompensationRecord = Omit<Given, 'approverId' | 'approverName'> & {
  seq: number;
  at: string;
  recordedBy: string;
  approver: { id: string; name: string } | null;
};

/** The record an event holds (null for another event). */
export function compensationRecordOf(e: Pick<StoredEvent, 'seq' | 'at' | 'actorLabel' | 'type' | 'data'>): CompensationRecord | null {
  if (e.type !== 'compensation_given') return null;
  const { approverId, approverName, ...given } = e.data as Given;
  return {
    ...given,
    clause: given.clause ?? null,
    seq: Number(e.seq),
    at: new Date(e.at).toISOString(),
    recordedBy: e.actorLabel,
    approver: approverId ? { id: approverId, name: approverName ?? '' } : null,
  };
}

export async function recordCompensation(
  deps: Deps,
  actor: Actor,
  complaintId: string,
  body: CompensationGiven & { approverId?: string },
): Promise<CompensationRecord> {
  const now = deps.now();
  const config = await configSnapshot(deps.db);
  const items = body.items.trim();
  return inTransaction(deps.db, async (trx) => {
    const row = await lockOr404(trx, complaintId);
    const pack = await packOf(trx, row);
    if (!pack.compensation) throw new DomainError('ILLEGAL_TRANSITION', 'this policy has no compensation table', { allowed: [] });
    const book = config.addressBook(row.unit_id);
    const held = body.approverId
      ? book.holders.filter((h) => h.userId === body.approverId && !h.disabled && book.ancestry.includes(h.orgNodeId))
      : [];
    const approver = body.approverId ? { positions: held.map((h) => h.positionId) } : null;
    const decision = decideCompensation(pack.compensation, row.level, { ...body, items }, approver);
    const [event] = await appendEvents(
      trx,
      deps.logKey,
      row.id,
      [
        {
          type: 'compensation_given',
          data: {
            entryId: decision.entry.id,
            clause: decision.entry.clause ?? null,
            items,
            giftQuantity: body.giftQuantity ?? null,
            affectedQuantity: body.affectedQuantity ?? null,
            giftRatio: decision.entry.giftRatio ?? null,
            medicalCostsYuan: body.medicalCostsYuan ?? null,
            requiredTier: decision.required.id,
            approverId: body.approverId ?? null,
            approverName: held[0]?.name ?? null,
            approverTier: decision.reached.id,
          },
        },
      ],
      actor,
      now,
    );
    return compensationRecordOf(event)!;
  });
}

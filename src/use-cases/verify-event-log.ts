/**
 * Checks the event log (R-LC-1; docs/SECURITY.md, "Event log"): walks every complaint's chain, each
 * event by its own hash algorithm, and compares the chains with the newest signed checkpoint, which
 * shows what a chain alone cannot: last events cut off, a complaint deleted, a chain rewritten and
 * re-hashed. The checkpoint speaks for the whole installation, so its own state and the complaints it
 * covers that are gone are reported only to a caller who sees the whole installation; a scoped
 * administrator gets the counts and findings of the complaints in scope.
 */
import type { Deps } from './context.ts';
import { listChainedEvents, newestCheckpoint, readHeads } from '../data/checkpoint-store.ts';
import { listOrgNodes } from '../data/org-store.ts';
import { anyEventExists, complaintPageAfter } from '../data/event-store.ts';
import { firstBrokenLink } from '../domain/event-chain.ts';
import { checkpointValid, headFinding, type LogHead } from '../domain/log-checkpoint.ts';
import type { Scope } from '../security/scope.ts';

export interface LogFinding {
  complaintId: string;
  /** null when the complaint itself is gone. */
  code: string | null;
  seq: number;
  reason: string;
}

export interface CheckpointState {
  status: 'valid' | 'invalid' | 'none';
  id: number | null;
  at: string | null;
  complaints: number | null;
  events: number | null;
  problem: string | null;
}

export interface ChainReport {
  complaints: number;
  events: number;
  /** null for a caller who does not see the whole installation. */
  checkpoint: CheckpointState | null;
  broken: LogFinding[];
  intact: boolean;
}

/** Whether the scope holds every organisation node: such an administrator answers for the whole installation. */
async function seesEverything(deps: Deps, scope: Scope | undefined): Promise<boolean> {
  if (!scope || (scope.orgIds === null && scope.departmentIds === null)) return true;
  if (scope.departmentIds || !scope.orgIds) return false;
  const nodes = await listOrgNodes(deps.db);
  return nodes.every((n) => scope.orgIds!.has(n.id));
}

async function checkpointState(
  deps: Deps,
  anyEvents: () => Promise<boolean>,
): Promise<{ state: CheckpointState; heads: Map<string, LogHead> | null }> {
  const cp = await newestCheckpoint(deps.db);
  const heads = await readHeads(deps.db);
  const empty = { id: null, at: null, complaints: null, events: null };
  if (!cp) {
    const problem =
      heads.length > 0
        ? 'no checkpoint, but heads of one: the checkpoints were deleted'
        : (await anyEvents())
          ? 'no checkpoint covers the log: they were deleted, or no process of this version has started on it'
          : null;
    return { state: { status: heads.length > 0 ? 'invalid' : 'none', ...empty, problem }, heads: null };
  }
  const shown = { id: cp.id, at: cp.at.toISOString(), complaints: cp.complaints, events: cp.events };
  if (!checkpointValid(deps.logKey, cp, heads)) {
    return {
      state: {
        status: 'invalid',
        ...shown,
        problem: 'the signature does not match: the checkpoint or the heads it covers were changed (or this process has another log key)',
      },
      heads: null,
    };
  }
  return { state: { status: 'valid', ...shown, problem: null }, heads: new Map(heads.map((h) => [h.complaintId, h])) };
}

export async function verifyEventLog(deps: Deps, opts: { complaintId?: string; scope?: Scope } = {}): Promise<ChainReport> {
  const whole = await seesEverything(deps, opts.scope);
  const anyEvents = () => anyEventExists(deps.db);
  const { state, heads } = await checkpointState(deps, anyEvents);
  const report: ChainReport = { complaints: 0, events: 0, checkpoint: whole ? state : null, broken: [], intact: true };
  // Without a trusted checkpoint, nothing bounds the pre-0017 events: each is taken by the algorithm it names.
  const legacyOf = (id: string) => (heads ? (heads.get(id)?.legacySeq ?? 0) : Number.POSITIVE_INFINITY);
  const seen = new Set<string>();
  let lastId = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const page = await complaintPageAfter(deps.db, lastId, { limit: 500, complaintId: opts.complaintId, scope: opts.scope });
    if (page.length === 0) break;
    for (const c of page) {
      seen.add(c.id);
      const events = await listChainedEvents(deps.db, c.id);
      report.complaints++;
      report.events += events.length;
      const head = heads?.get(c.id);
      const hashes = new Map(events.map((e) => [e.seq, e.hash]));
      // Every complaint starts with its 'received' event; none at all means the log was deleted.
      const broken =
        (events.length === 0
          ? { seq: 1, reason: 'no events: the log of this complaint is missing' }
          : firstBrokenLink(events, deps.logKey, legacyOf(c.id))) ??
        (head ? headFinding(head, { lastSeq: events.length ? events[events.length - 1].seq : 0, hashAt: (s) => hashes.get(s) }) : null);
      if (broken) report.broken.push({ complaintId: c.id, code: c.code, ...broken });
    }
    lastId = page[page.length - 1].id;
  }
  if (whole && heads && !opts.complaintId) {
    for (const h of heads.values()) {
      if (!seen.has(h.complaintId))
        report.broken.push({
          complaintId: h.complaintId,
          code: null,
          seq: 1,
          reason: `deleted: the checkpoint covers this complaint with ${h.seq} events; it is no longer in the database`,
        });
    }
  }
  const checkpointOk = state.problem === null;
  report.intact = report.broken.length === 0 && (!whole || checkpointOk);
  return report;
}

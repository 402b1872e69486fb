/**
 * The sweeper: marks clocks whose due instant has passed as breached (one event per breach) and
 * re-evaluates time-based severity rules. Safe with several processes on one database: each complaint
 * is handled under its row lock and re-read after the lock is taken, so a breach already written by
 * another process is seen and not written again.
 */
import { forgetOldThrottles } from '../use-cases/throttle.ts';
import type { Deps } from '../use-cases/context.ts';
import { SYSTEM_ACTOR } from '../use-cases/context.ts';
import { lockForChange } from '../data/complaint-write.ts';
import { complaintsToSweep } from '../data/sweep-store.ts';
import type { NewEvent } from '../domain/events.ts';
import { findBreaches, markBreached } from '../domain/clocks/index.ts';
import { complaintPackIn } from '../use-cases/policy/resolve-pack.ts';
import { DomainError } from '../domain/errors.ts';
import { calendarForUnit } from '../use-cases/calendar-for-unit.ts';
import { factsOf } from '../domain/rules/complaint-facts.ts';
import { applyRulesAndStore } from '../use-cases/apply-rules-and-store.ts';
import { configSnapshot } from '../data/config-cache.ts';
import { remindMissingProgress } from '../use-cases/casework/special-report.ts';
import { remindReportSchedules } from '../use-cases/reports/report-schedules.ts';
import { inTransaction } from '../data/transaction.ts';
import { foldTallyChanges } from '../data/tally-store.ts';
import { randomUUID } from 'node:crypto';

export interface SweepResult {
  breaches: number;
  levelChecks: number;
  complaints: number;
  progressReminders: number;
  /** Report schedules' due reminders sent (issue #15 item 1). */
  reportReminders: number;
  /** The dashboard's tally changes folded into its tallies (issue #20; null: another process was folding). */
  talliesFolded: number | null;
}

/**
 * Weekly-progress reminders are written only while a pass is younger than this (ms); the rest wait for
 * the next pass. Due clocks and severity checks are never put off: their time is part of what they
 * record. At 1,000,000 complaints the check for owed reminders alone reads for 300–450 ms, and writing a
 * backlog's hundred reminders took the rest of a second on a slow moment of the machine
 * (docs/PERFORMANCE.md, "Scale").
 */
export const REMINDER_BUDGET_MS = 600;

export async function sweepOnce(deps: Deps, opts: { batch?: number } = {}): Promise<SweepResult> {
  const started = performance.now();
  const batch = opts.batch ?? 500;
  const now = deps.now();
  const result: SweepResult = { breaches: 0, levelChecks: 0, complaints: 0, progressReminders: 0, reportReminders: 0, talliesFolded: 0 };

  const ids = await complaintsToSweep(deps.db, now, batch);
  // Who a unit's notifications reach (issue #14), from the per-process copy, read outside the transactions.
  const config = ids.length ? await configSnapshot(deps.db) : null;

  for (const id of ids) {
    await inTransaction(deps.db, async (trx) => {
      // The row, its clocks and its event chain's tail in one read under the lock.
      const locked = await lockForChange(trx, id);
      if (!locked) return;
      const { row, clocks: before } = locked;
      // Its own tuned version (issue #16 item 4); one whose tuned pack no longer loads is left for a person.
      const pack = await complaintPackIn(trx, config!, row).catch((e: unknown) => {
        if (e instanceof DomainError) return undefined;
        throw e;
      });
      if (!pack) return;
      const breached = new Set(findBreaches(before, now));
      const after = before.map((c) => (breached.has(c.name) ? markBreached(c, now) : c));
      const events = after
        .filter((c) => breached.has(c.name))
        .map((c): NewEvent => ({ type: 'clock_breached', data: { name: c.name, ruleId: c.ruleId, dueAt: c.dueAt } }));
      const timeCheckDue = row.next_severity_check_at !== null && new Date(row.next_severity_check_at).getTime() <= now.getTime();
      if (events.length === 0 && !timeCheckDue) return;
      const pausedMs = after.reduce((s, c) => s + c.pausedMs, 0);
      await applyRulesAndStore(trx, {
        logKey: deps.logKey,
        row,
        facts: factsOf(row, pausedMs),
        pack,
        calendar: await calendarForUnit(trx, row.unit_id),
        clocks: after,
        storedClocks: before,
        eventTail: locked.eventTail,
        events,
        actor: SYSTEM_ACTOR,
        now,
        baseUrl: deps.publicUrl,
        addressing: { book: config!.addressBook(row.unit_id), newId: randomUUID },
      });
      result.breaches += events.length;
      if (timeCheckDue) result.levelChecks++;
      result.complaints++;
    });
  }
  // Major complaints owe weekly progress (R-NT-1); a missed week becomes a reminder, once.
  result.progressReminders = (await remindMissingProgress(deps, undefined, started + REMINDER_BUDGET_MS)).reminded;
  // Each pack's report schedules remind their recipient before the due date, once per unit and period.
  result.reportReminders = await remindReportSchedules(deps, started + REMINDER_BUDGET_MS);
  // Last, after this pass's own writes: what the dashboard's readers add up stays a pass's worth of changes.
  result.talliesFolded = await foldTallyChanges(deps.db);
  return result;
}

/** Runs the sweeper every `intervalMs` until stopped; a failed pass is logged and retried next time. */
export function startSweeper(deps: Deps, intervalMs: number, log: (msg: string, err?: unknown) => void): () => Promise<void> {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    if (stopped) return;
    try {
      const r = await sweepOnce(deps);
      await forgetOldThrottles(deps);
      if (r.breaches || r.levelChecks || r.progressReminders || r.reportReminders) {
        log(
          `sweeper: ${r.breaches} breaches, ${r.levelChecks} level checks on ${r.complaints} complaints, ${r.progressReminders} progress reminders, ${r.reportReminders} report reminders`,
        );
      }
    } catch (err) {
      log('sweeper pass failed', err);
    }
  };
  const timer = setInterval(() => {
    running = tick();
  }, intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}

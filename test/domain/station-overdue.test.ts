/**
 * S0 第五篇 §15 (處理時效逾期處罰) with §13.2: the station's lateness counts only on the station's own
 * clocks and only from when the complaint reached it. Pure table test of stationLateHours.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stationLateHours } from '../../src/domain/assessment/station-overdue.ts';
import { overdueTier } from '../../src/domain/assessment/fuel-penalty.ts';
import type { ClockRecord } from '../../src/domain/contracts.ts';
import { getPack } from '../../src/policies/index.ts';

const at = (h: number) => new Date(Date.UTC(2026, 10, 24, h)).toISOString();
const clock = (
  name: ClockRecord['name'],
  dueH: number,
  metH: number | null,
  state: ClockRecord['state'] = metH === null ? 'running' : 'met',
): ClockRecord => ({
  name,
  ruleId: 'R-TL-4',
  startedAt: at(0),
  dueAt: at(dueH),
  state,
  pausedMs: 0,
  metAt: metH === null ? null : at(metH),
  calendarVersion: 1,
  trace: [],
});
const STATION = getPack('fuel-retail').penalties!.stationClocks;
const table = getPack('fuel-retail').penalties!;

test('S0 第五篇 §15: the station’s lateness, its tier', () => {
  const rows: { what: string; clocks: ClockRecord[]; reachedH: number | null; nowH: number; tier: string }[] = [
    { what: 'handled in time', clocks: [clock('acknowledge', 2, 1)], reachedH: 0, nowH: 30, tier: 'none' },
    { what: '§15.1: 1 h late', clocks: [clock('acknowledge', 2, 3)], reachedH: 0, nowH: 30, tier: 'overdue' },
    {
      what: '§15.2: 12 h late, still open',
      clocks: [clock('acknowledge', 2, null, 'breached')],
      reachedH: 0,
      nowH: 14,
      tier: 'overdue_12h',
    },
    {
      what: 'reached the station after its due: counted from then',
      clocks: [clock('acknowledge', 2, 5)],
      reachedH: 5,
      nowH: 30,
      tier: 'none',
    },
    { what: 'late after reaching it', clocks: [clock('acknowledge', 2, 6)], reachedH: 5, nowH: 30, tier: 'overdue' },
    {
      what: 'the service centre’s reply clock is not the station’s',
      clocks: [clock('reply', 24, null, 'breached')],
      reachedH: 0,
      nowH: 40,
      tier: 'none',
    },
    {
      what: 'never dispatched: never the station’s',
      clocks: [clock('acknowledge', 2, null, 'breached')],
      reachedH: null,
      nowH: 40,
      tier: 'none',
    },
    {
      what: 'the 3-day improvement plan is the station’s (§13.2)',
      clocks: [clock('improvement', 10, 23)],
      reachedH: 0,
      nowH: 40,
      tier: 'overdue_12h',
    },
  ];
  for (const r of rows) {
    const late = stationLateHours(r.clocks, STATION, r.reachedH === null ? null : new Date(at(r.reachedH)), new Date(at(r.nowH)));
    assert.equal(overdueTier(table, late), r.tier, r.what);
  }
});

test('a pack naming no station clocks counts every clock from its due instant', () => {
  assert.equal(stationLateHours([clock('reply', 2, 5)], undefined, null, new Date(at(9))), 3);
});

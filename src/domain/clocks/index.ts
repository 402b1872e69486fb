/** Generic clock engine: interprets ClockDefinition / DueRule data on a BusinessCalendar (R-TL-*). */
export { computeDue, resolveRule, isWallClockRule, type LeafDueRule } from './compute-due.ts';
export { receiptClassOf, type ReceiptClass } from './receipt-class.ts';
export { describeRule } from './describe-rule.ts';
export { selectDefinitions, ruleFor } from './select-definitions.ts';
export { applyEvent, type ApplyEventInput, type ApplyEventResult, type ClockChangeKind } from './apply-event.ts';
export { findBreaches, markBreached, clockStatusAt, AMBER_FRACTION, type ClockStatus, type ClockTone } from './clock-status.ts';
export { recomputeClocks, type Recomputed } from './recompute.ts';
export { deadlineStanding, flaggedYears, yearSettled, type DeadlineStanding } from './provisional.ts';

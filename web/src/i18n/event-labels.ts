/**
 * The console names every event the server writes: the catalogue's `event.*` keys are checked against
 * the one list of event types (src/domain/events.ts), both ways, so a new event type without a label,
 * or a label for a type that no longer exists, fails `npm run typecheck`. en-US has zh-CN's keys (en-US.ts).
 */
import type { EventType } from '../../../src/domain/events.ts';
import type { MessageKey } from './zh-CN.ts';

/** Keys under `event.` that are not event names. */
type EventChrome = 'event.by';
type Unlabelled = Exclude<`event.${EventType}`, MessageKey>;
type Stale = Exclude<Extract<MessageKey, `event.${string}`>, `event.${EventType}` | EventChrome>;

export const EVERY_EVENT_LABELLED: [Unlabelled] extends [never] ? true : Unlabelled = true;
export const NO_STALE_EVENT_LABEL: [Stale] extends [never] ? true : Stale = true;

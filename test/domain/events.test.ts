/** The one list of event types (src/domain/events.ts) and the lists chosen from it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EVENT_TYPES, PUBLIC_EVENT_TYPES, isEventType, isPublicEventType } from '../../src/domain/events.ts';
import { EVENT_LABELS } from '../../src/domain/casework/index.ts';

test('EVENT_TYPES names each event type once', () => {
  assert.equal(new Set(EVENT_TYPES).size, EVENT_TYPES.length);
  assert.ok(isEventType('clock_breached'));
  assert.ok(!isEventType('clock_breachd'));
});

test('R-LC-5: the portal shows only lifecycle milestones, never internal events', () => {
  for (const type of PUBLIC_EVENT_TYPES) assert.ok(isEventType(type), type);
  for (const internal of [
    'note_added',
    'contact_viewed',
    'reply_submitted',
    'reply_rejected',
    'level_changed',
    'attachment_added',
    'emergency_opened',
  ]) {
    assert.ok(!isPublicEventType(internal), `${internal} is not public`);
  }
});

test("the special report's labels name event types only", () => {
  for (const type of Object.keys(EVENT_LABELS)) assert.ok(isEventType(type), type);
});

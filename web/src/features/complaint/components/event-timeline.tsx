import { Timeline, Typography } from 'antd';
import type { ComplaintEvent } from '../../../api/types.ts';
import type { EventType } from '../../../../../src/domain/events.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { useLabels } from '../../meta/use-labels.ts';
import { formatTime } from '../../../components/format.ts';
import { EventData } from './event-data.tsx';

/** `satisfies` refuses a key that is not an event type (src/domain/events.ts). */
const COLORS: Record<string, string> = {
  disputed: 'red',
  reopened: 'red',
  clock_breached: 'red',
  level_changed: 'orange',
  reply_rejected: 'orange',
  closed: 'gray',
  replied: 'green',
  confirmed: 'green',
} satisfies Partial<Record<EventType, string>>;

export function EventTimeline({ events, policyId }: { events: ComplaintEvent[]; policyId: string }) {
  const { t } = useI18n();
  const labels = useLabels();
  return (
    <Timeline
      data-testid="event-timeline"
      items={events.map((e) => ({
        key: e.seq,
        color: COLORS[e.type] ?? 'blue',
        content: (
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              {formatTime(e.at)}
            </Typography.Text>
            <Typography.Text strong data-event={e.type}>
              {labels.event(e.type)}
            </Typography.Text>
            {e.actor.name && (
              <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                {t('event.by', { name: e.actor.name })}
              </Typography.Text>
            )}
            <EventData type={e.type} data={e.data} policyId={policyId} />
          </div>
        ),
      }))}
    />
  );
}

/**
 * Live countdown to a due instant. Green while comfortable, amber when under a quarter of the span
 * or under an hour remains, red once overdue — the same thresholds the server uses for its `tone`.
 */
import { PlainTag, type TagColor } from './plain-tag.tsx';
import { HoverTooltip } from './hover-tooltip.tsx';
import { useNow } from './use-now.ts';
import { formatDuration, formatTimeSeconds } from './format.ts';
import { useT } from '../i18n/i18n-context.tsx';

const HOUR = 3_600_000;

export type Tone = 'green' | 'amber' | 'red';

export function toneFor(remainingMs: number, spanMs: number | null): Tone {
  if (remainingMs < 0) return 'red';
  if (remainingMs < HOUR || (spanMs !== null && spanMs > 0 && remainingMs < spanMs * 0.25)) return 'amber';
  return 'green';
}

const COLOR: Record<Tone, TagColor> = { green: 'success', amber: 'warning', red: 'error' };

interface Props {
  dueAt: string;
  startedAt?: string | null;
  /** Paused clocks show no countdown: their remaining time is frozen. */
  paused?: boolean;
}

export function CountdownBadge({ dueAt, startedAt, paused }: Props) {
  const t = useT();
  const now = useNow();
  if (paused) return <PlainTag>{t('countdown.paused')}</PlainTag>;
  const due = new Date(dueAt).getTime();
  const remaining = due - now;
  const span = startedAt ? due - new Date(startedAt).getTime() : null;
  const tone = toneFor(remaining, span);
  const text =
    remaining < 0
      ? t('countdown.overdue', { time: formatDuration(remaining, t) })
      : t('countdown.left', { time: formatDuration(remaining, t) });
  return (
    <HoverTooltip title={formatTimeSeconds(dueAt)}>
      <PlainTag color={COLOR[tone]} data-tone={tone} className="countdown" tabIndex={0}>
        {text}
      </PlainTag>
    </HoverTooltip>
  );
}

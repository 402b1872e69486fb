import dayjs from 'dayjs';
import type { TFunction } from '../i18n/i18n-context.tsx';

export const formatTime = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
export const formatTimeSeconds = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '—');

/** "2天3小时" / "2d 3h": the two largest units, seconds only under an hour so the badge visibly ticks. */
export function formatDuration(ms: number, t: TFunction): string {
  let s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const parts: string[] = [];
  if (d) parts.push(t('duration.d', { n: d }), t('duration.h', { n: h }));
  else if (h) parts.push(t('duration.h', { n: h }), t('duration.m', { n: m }));
  else parts.push(t('duration.m', { n: m }), t('duration.s', { n: s }));
  return parts.join(' ');
}

/** A casework deadline (emergency answer / conclusion, corrective-action plan): due time and its state. */
import { Tag } from 'antd';
import { useT } from '../../../i18n/i18n-context.tsx';
import { formatTime } from '../../../components/format.ts';
import type { Deadline } from '../api.ts';

const COLOR: Record<Deadline['state'], string> = { met: 'green', met_late: 'gold', overdue: 'red', pending: 'blue' };

export function DeadlineTag({ label, d }: { label: string; d: Pick<Deadline, 'dueAt' | 'state'> & { doneAt?: string | null } }) {
  const t = useT();
  return (
    <span className="deadline">
      {label}: {formatTime(d.dueAt)} <Tag color={COLOR[d.state]}>{t(`deadline.${d.state}` as 'deadline.met')}</Tag>
    </span>
  );
}

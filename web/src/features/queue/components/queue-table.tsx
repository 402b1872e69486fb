/**
 * The queue's rows: a table on a wide screen, a card per complaint on a phone. Plain elements drawn by styles.css
 * (`.qt`, `.queue-cards`), not Ant Design's Table and List (#20): the queue is what a handler waits for after
 * signing in, and Ant Design's Table of 25 rows took most of the ~2 s of script a slowed phone ran before it
 * showed the first one. What the Table gave it, it keeps: a checkbox per row and one for the page (with its
 * in-between state), the columns' widths with a sideways scroll under them, an ellipsis with the whole text on
 * hover, a spinner over the rows while a new page loads, and a word when there is nothing.
 */
import { useEffect, useRef } from 'react';
import { Link } from 'react-router-dom';
import type { ComplaintSummary } from '../../../api/types.ts';
import { useT } from '../../../i18n/i18n-context.tsx';
import { useLabels } from '../../meta/use-labels.ts';
import { CountdownBadge } from '../../../components/countdown-badge.tsx';
import { LevelTag, StatusTag } from '../../../components/tags.tsx';
import { PlainTag } from '../../../components/plain-tag.tsx';
import { formatTime } from '../../../components/format.ts';
import { useMediaQuery } from '../../../components/use-media-query.ts';
import { PageLoading } from '../../../components/page-loading.tsx';

interface Props {
  items: ComplaintSummary[];
  loading: boolean;
  selectedIds: string[];
  onSelect: (ids: string[]) => void;
}

/** The running clock whose due instant is the row's nextDueAt gives the span for the amber threshold. */
function NextDue({ row }: { row: ComplaintSummary }) {
  const t = useT();
  if (!row.nextDueAt) return <span className="text-secondary">{t('queue.noDue')}</span>;
  const clock = row.clocks.find((c) => c.dueAt === row.nextDueAt && c.state !== 'met') ?? row.clocks.find((c) => c.dueAt === row.nextDueAt);
  return <CountdownBadge dueAt={row.nextDueAt} startedAt={clock?.startedAt} paused={clock?.state === 'paused'} />;
}

function RowCheckbox({ row, selectedIds, onSelect }: { row: ComplaintSummary } & Pick<Props, 'selectedIds' | 'onSelect'>) {
  return (
    <input
      type="checkbox"
      className="qt-checkbox"
      checked={selectedIds.includes(row.id)}
      onChange={(e) => onSelect(e.target.checked ? [...selectedIds, row.id] : selectedIds.filter((x) => x !== row.id))}
      aria-label={row.code}
    />
  );
}

/** While a new page or filter loads, the rows stay and a spinner sits over them, as over Ant Design's Table. */
function Loading({ loading }: { loading: boolean }) {
  if (!loading) return null;
  return (
    <div className="qt-loading">
      <PageLoading />
    </div>
  );
}

/** On a phone a table of nine columns hides the countdown off-screen; each complaint becomes a card. */
function QueueCards({ items, loading, selectedIds, onSelect }: Props) {
  const t = useT();
  const labels = useLabels();
  return (
    <div className="queue-cards qt-frame" data-testid="queue-table" aria-busy={loading}>
      {items.length === 0 && !loading && <div className="qt-empty">{t('common.empty')}</div>}
      <ul className="queue-card-list">
        {items.map((row) => (
          <li key={row.id} className="queue-card" data-row={row.id}>
            <div className="queue-card-line">
              <RowCheckbox row={row} selectedIds={selectedIds} onSelect={onSelect} />
              <Link to={`/complaints/${row.id}`}>{row.code}</Link>
              <StatusTag status={row.status} />
              <LevelTag policyId={row.policyId} level={row.level} rule={row.levelRule} />
            </div>
            <div className="queue-card-title">{row.title}</div>
            <div className="queue-card-line">
              <NextDue row={row} />
              <span className="text-secondary queue-card-meta">
                {row.unitName} · {labels.channel(row.channel)} · {formatTime(row.receivedAt)}
              </span>
            </div>
          </li>
        ))}
      </ul>
      <Loading loading={loading} />
    </div>
  );
}

/** The page's checkbox: all when every row is chosen, none when none is, and in between otherwise. */
function PageCheckbox({ items, selectedIds, onSelect }: Pick<Props, 'items' | 'selectedIds' | 'onSelect'>) {
  const t = useT();
  const ref = useRef<HTMLInputElement>(null);
  const chosen = items.filter((i) => selectedIds.includes(i.id)).length;
  const all = items.length > 0 && chosen === items.length;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = chosen > 0 && !all;
  }, [chosen, all]);
  return (
    <input
      ref={ref}
      type="checkbox"
      className="qt-checkbox"
      checked={all}
      disabled={items.length === 0}
      onChange={(e) => onSelect(e.target.checked ? items.map((i) => i.id) : [])}
      aria-label={t('queue.selectPage')}
    />
  );
}

function WideTable({ items, loading, selectedIds, onSelect }: Props) {
  const t = useT();
  const labels = useLabels();
  return (
    <div className="qt-frame" data-testid="queue-table" aria-busy={loading}>
      <div className="qt-scroll">
        <table className="qt">
          <colgroup>
            <col className="qt-col-check" />
            <col className="qt-col-code" />
            <col />
            <col className="qt-col-unit" />
            <col className="qt-col-status" />
            <col className="qt-col-level" />
            <col className="qt-col-channel" />
            <col className="qt-col-customer" />
            <col className="qt-col-time" />
            <col className="qt-col-due" />
          </colgroup>
          <thead>
            <tr>
              <th className="qt-check">
                <PageCheckbox items={items} selectedIds={selectedIds} onSelect={onSelect} />
              </th>
              <th>{t('field.code')}</th>
              <th>{t('field.title')}</th>
              <th>{t('field.unit')}</th>
              <th>{t('field.status')}</th>
              <th>{t('field.level')}</th>
              <th>{t('field.channel')}</th>
              <th>{t('field.customer')}</th>
              <th>{t('field.receivedAt')}</th>
              <th>{t('field.nextDue')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((row) => (
              <tr key={row.id} data-row={row.id} className={selectedIds.includes(row.id) ? 'qt-selected' : undefined}>
                <td className="qt-check">
                  <RowCheckbox row={row} selectedIds={selectedIds} onSelect={onSelect} />
                </td>
                <td>
                  <Link to={`/complaints/${row.id}`}>{row.code}</Link>
                </td>
                <td>
                  <div className="qt-ellipsis" title={row.title}>
                    {row.title}
                  </div>
                  {(row.repeatCount > 0 || (row.similarCount ?? 0) > 1) && (
                    <div className="qt-tags">
                      {row.repeatCount > 0 && <PlainTag color="red">{t('queue.repeat', { n: row.repeatCount })}</PlainTag>}
                      {(row.similarCount ?? 0) > 1 && <PlainTag>{t('queue.similar', { n: row.similarCount ?? 0 })}</PlainTag>}
                    </div>
                  )}
                </td>
                <td>
                  <div className="qt-ellipsis" title={row.unitName}>
                    {row.unitName}
                  </div>
                </td>
                <td>
                  <StatusTag status={row.status} />
                </td>
                <td>
                  <LevelTag policyId={row.policyId} level={row.level} rule={row.levelRule} />
                </td>
                <td>{labels.channel(row.channel)}</td>
                <td>{`${row.customer.name} ${row.customer.phone ?? ''}`}</td>
                <td>{formatTime(row.receivedAt)}</td>
                <td>
                  <NextDue row={row} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {items.length === 0 && !loading && <div className="qt-empty">{t('common.empty')}</div>}
      </div>
      <Loading loading={loading} />
    </div>
  );
}

export function QueueTable(props: Props) {
  // Ant Design's `md` breakpoint, which the queue used before: a phone held upright or a narrow window.
  const narrow = useMediaQuery('(max-width: 767.98px)');
  return narrow ? <QueueCards {...props} /> : <WideTable {...props} />;
}

import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button, Flex, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import type { ComplaintSummary } from '../api/types.ts';
import { useT } from '../i18n/i18n-context.tsx';
import { useErrorReporter } from '../components/use-error-reporter.ts';
import { exportUrl, filtersFromSearch, filtersToSearch, listComplaints, type QueueFilters } from '../features/queue/api.ts';
import { useAuth } from '../features/meta/auth-context.tsx';
import { QueueTable } from '../features/queue/components/queue-table.tsx';
import { PageLoading } from '../components/page-loading.tsx';

// The tools around the rows (filter bar, saved views, bulk dispatch: Ant Design's Select, TreeSelect and the
// rest) are fetched and run once the rows are painted (usePaintedAfter): on a slowed phone their code took a
// few hundred milliseconds to run before the first row could show (#20).
const QueueFiltersBar = lazy(() => import('../features/queue/components/queue-filters.tsx').then((m) => ({ default: m.QueueFiltersBar })));
const SavedViewsBar = lazy(() => import('../features/queue/components/saved-views-bar.tsx').then((m) => ({ default: m.SavedViewsBar })));
const BulkDispatch = lazy(() => import('../features/queue/components/bulk-dispatch.tsx').then((m) => ({ default: m.BulkDispatch })));

/**
 * True from the first frame painted after `ready` turned true. The queue's rows are what a handler opened it
 * for: the filter bar (ten Ant Design controls; each select measures itself) and the export and saved-view tools are
 * drawn in the task after the rows are on screen, not before them (#20: on a phone's CPU they took over a
 * second of the first screen). Their place is kept so nothing below them jumps.
 */
function usePaintedAfter(ready: boolean): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!ready || painted) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A frame, then a task: the rows' frame is painted before the tools' render starts.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer) clearTimeout(timer);
    };
  }, [ready, painted]);
  return painted;
}

export default function QueuePage() {
  const t = useT();
  const { can } = useAuth();
  const report = useErrorReporter();
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const filters = useMemo(() => filtersFromSearch(new URLSearchParams(search)), [search]);
  const [items, setItems] = useState<ComplaintSummary[]>([]);
  const [total, setTotal] = useState<{ count: number; capped: boolean }>({ count: 0, capped: false });
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  // Until the first answer the table is not drawn at all (an empty Ant Design table with a spinner costs the
  // same as a full one on a slow phone); a spinner stands in its place.
  const [answered, setAnswered] = useState(false);
  const toolsShown = usePaintedAfter(answered);
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const request = useRef(0);

  const load = useCallback(
    async (append: boolean, after: string | null) => {
      const id = ++request.current;
      setLoading(true);
      try {
        const page = await listComplaints(filters, after);
        if (id !== request.current) return;
        // The queue's order is live (the sweeper moves a complaint's next time limit while the reader
        // pages), so a complaint already listed can come round again on a later page: it stays where it
        // was first shown.
        setItems((prev) => {
          if (!append) return page.items;
          const shown = new Set(prev.map((i) => i.id));
          return [...prev, ...page.items.filter((i) => !shown.has(i.id))];
        });
        setCursor(page.nextCursor);
        setTotal({ count: page.total, capped: page.totalCapped === true });
      } catch (err) {
        if (id === request.current) report(err);
      } finally {
        if (id === request.current) {
          setLoading(false);
          setAnswered(true);
        }
      }
    },
    [filters, report],
  );

  useEffect(() => {
    setSelectedIds([]);
    void load(false, null);
  }, [load]);

  const setFilters = (next: QueueFilters) => setParams(filtersToSearch(next));
  const selected = items.filter((i) => selectedIds.includes(i.id));

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} className="queue-head">
        <Typography.Title level={3} className="page-title" style={{ marginBottom: 0 }}>
          {t('queue.title')}
        </Typography.Title>
        <Space wrap>
          {/* The whole current view (filters, search, order) as a file; offered only to roles that may export. */}
          {toolsShown && can('complaint.export') && (
            <>
              <Button icon={<DownloadOutlined />} href={exportUrl(filters, 'xlsx')} download data-testid="queue-export-xlsx">
                {t('queue.exportXlsx')}
              </Button>
              <Button icon={<DownloadOutlined />} href={exportUrl(filters, 'csv')} download data-testid="queue-export-csv">
                {t('queue.exportCsv')}
              </Button>
            </>
          )}
          {toolsShown && (
            <Suspense fallback={null}>
              <SavedViewsBar currentSearch={search} onApply={(s) => setParams(new URLSearchParams(s))} />
            </Suspense>
          )}
        </Space>
      </Flex>
      <div className="queue-filters-place">
        {toolsShown && (
          <Suspense fallback={null}>
            <QueueFiltersBar value={filters} onChange={setFilters} />
          </Suspense>
        )}
      </div>
      {toolsShown && (
        <Suspense fallback={null}>
          <BulkDispatch
            selected={selected}
            onDone={() => {
              setSelectedIds([]);
              void load(false, null);
            }}
          />
        </Suspense>
      )}
      {answered ? <QueueTable items={items} loading={loading} selectedIds={selectedIds} onSelect={setSelectedIds} /> : <PageLoading />}
      <Space style={{ marginTop: 12 }}>
        <Typography.Text type="secondary" data-testid="queue-total">
          {/* A text search counts its matches only up to a cap; the number shown must not pass for exact. */}
          {t('queue.total', { total: total.capped ? `${total.count}+` : total.count, shown: items.length })}
        </Typography.Text>
        {cursor && (
          <Button onClick={() => void load(true, cursor)} loading={loading}>
            {t('queue.loadMore')}
          </Button>
        )}
      </Space>
    </>
  );
}

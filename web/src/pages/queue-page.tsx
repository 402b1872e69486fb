import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button, Flex, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import type { ComplaintSummary } from '../api/types.ts';
import { useT } from '../i18n/i18n-context.tsx';
import { useErrorReporter } from '../components/use-error-reporter.ts';
import { exportUrl, filtersFromSearch, filtersToSearch, listComplaints, type QueueFilters } from '../features/queue/api.ts';
import { useAuth } from '../features/meta/auth-context.tsx';
import { QueueFiltersBar } from '../features/queue/components/queue-filters.tsx';
import { QueueTable } from '../features/queue/components/queue-table.tsx';
import { SavedViewsBar } from '../features/queue/components/saved-views-bar.tsx';
import { BulkDispatch } from '../features/queue/components/bulk-dispatch.tsx';

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
        if (id === request.current) setLoading(false);
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
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={3} className="page-title" style={{ marginBottom: 0 }}>
          {t('queue.title')}
        </Typography.Title>
        <Space wrap>
          {/* The whole current view (filters, search, order) as a file; offered only to roles that may export. */}
          {can('complaint.export') && (
            <>
              <Button icon={<DownloadOutlined />} href={exportUrl(filters, 'xlsx')} download data-testid="queue-export-xlsx">
                {t('queue.exportXlsx')}
              </Button>
              <Button icon={<DownloadOutlined />} href={exportUrl(filters, 'csv')} download data-testid="queue-export-csv">
                {t('queue.exportCsv')}
              </Button>
            </>
          )}
          <SavedViewsBar currentSearch={search} onApply={(s) => setParams(new URLSearchParams(s))} />
        </Space>
      </Flex>
      <div style={{ marginBottom: 12 }}>
        <QueueFiltersBar value={filters} onChange={setFilters} />
      </div>
      <BulkDispatch
        selected={selected}
        onDone={() => {
          setSelectedIds([]);
          void load(false, null);
        }}
      />
      <QueueTable items={items} loading={loading} selectedIds={selectedIds} onSelect={setSelectedIds} />
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

/** While the agent types: the caller's earlier complaints (by phone) and similar open complaints (by title). */
import { Card } from 'antd';
import { useT } from '../../../i18n/i18n-context.tsx';
import { useDebounced } from '../../../components/use-debounced.ts';
import { useAsync } from '../../../components/use-async.ts';
import { complaintsByPhone, PHONE_RE, similarOpen } from '../api.ts';
import { ComplaintMiniList } from './complaint-mini-list.tsx';

export function CustomerHistory({ phone }: { phone: string | undefined }) {
  const t = useT();
  const p = useDebounced(phone?.trim() ?? '', 400);
  const valid = PHONE_RE.test(p);
  const { data, loading } = useAsync(() => (valid ? complaintsByPhone(p).then((r) => r.items) : Promise.resolve([])), [p, valid]);
  if (!valid) return null;
  return (
    <Card size="small" title={t('intake.history')} loading={loading} style={{ marginBottom: 12 }}>
      <ComplaintMiniList items={data ?? []} empty={t('intake.historyNone')} testId="customer-history" />
    </Card>
  );
}

export function SimilarOpen({ title, unitId }: { title: string | undefined; unitId: string | undefined }) {
  const t = useT();
  const q = useDebounced(title?.trim() ?? '', 500);
  const enabled = q.length >= 2;
  const { data, loading } = useAsync(
    () => (enabled ? similarOpen(q, unitId).then((r) => r.items) : Promise.resolve([])),
    [q, unitId, enabled],
  );
  if (!enabled) return null;
  return (
    <Card size="small" title={t('intake.similar')} loading={loading} style={{ marginBottom: 12 }}>
      <ComplaintMiniList items={data ?? []} empty={t('intake.similarNone')} testId="similar-open" />
    </Card>
  );
}

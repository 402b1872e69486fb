import { List, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { Complaint } from '../../../api/types.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';

/** Links (similar, contest records, repeats), one entry per complaint. */
export function RelatedList({ complaint }: { complaint: Complaint }) {
  const { t, has } = useI18n();
  const seen = new Map<string, { id: string; code: string; kind: string; title?: string }>();
  for (const l of complaint.links ?? []) if (!seen.has(l.id)) seen.set(l.id, { id: l.id, code: l.code, kind: l.kind });
  const rows = [...seen.values()];
  if (!rows.length) return <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>;
  const kindLabel = (k: string) => {
    const key = `complaint.linkKind.${k === 'contests' || k === 'contested_by' ? 'contest' : k}`;
    return has(key) ? t(key) : k;
  };
  return (
    <List
      size="small"
      dataSource={rows}
      renderItem={(r) => (
        <List.Item key={r.id}>
          <span>
            <Tag>{kindLabel(r.kind)}</Tag>
            <Link to={`/complaints/${r.id}`}>{r.code}</Link> {r.title}
          </span>
        </List.Item>
      )}
    />
  );
}

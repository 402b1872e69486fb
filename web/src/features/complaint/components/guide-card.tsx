import { Typography } from 'antd';
import type { Complaint, Guide } from '../../../api/types.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { useMeta } from '../../meta/meta-context.tsx';

/**
 * The handling guide of the complaint's category (R-RP-3): the category's own guideId, else the
 * nearest ancestor's, found by walking the pack's taxonomy.
 */
function guideFor(complaint: Complaint, guides: Guide[], taxonomy: import('../../../api/types.ts').Category[]): Guide | undefined {
  if (!complaint.categoryId) return undefined;
  const path: (string | undefined)[] = [];
  const walk = (nodes: typeof taxonomy, trail: (string | undefined)[]): boolean => {
    for (const n of nodes) {
      const next = [...trail, n.guideId];
      if (n.id === complaint.categoryId) {
        path.push(...next);
        return true;
      }
      if (n.children && walk(n.children, next)) return true;
    }
    return false;
  };
  walk(taxonomy, []);
  const id = [...path].reverse().find(Boolean);
  return id ? guides.find((g) => g.id === id) : undefined;
}

export function GuideCard({ complaint }: { complaint: Complaint }) {
  const { t, pick } = useI18n();
  const pack = useMeta().packs.get(complaint.policyId);
  const guide = pack ? guideFor(complaint, pack.guides, pack.taxonomy) : undefined;
  if (!guide) return <Typography.Text type="secondary">{t('complaint.guideNone')}</Typography.Text>;
  return (
    <div data-testid="guide">
      <Typography.Text strong>{pick(guide.titleZh, guide.title)}</Typography.Text>
      <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
        {guide.source}
      </Typography.Text>
      <ol style={{ paddingLeft: 20 }}>
        {guide.stepsZh.map((s, i) => (
          <li key={i}>{s}</li>
        ))}
      </ol>
      {guide.scriptZh?.length ? (
        <>
          <Typography.Text strong>{t('complaint.script')}</Typography.Text>
          <ul style={{ paddingLeft: 20 }}>
            {guide.scriptZh.map((s, i) => (
              <li key={i}>“{s}”</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

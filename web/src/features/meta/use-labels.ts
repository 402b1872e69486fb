/** Display names in the current language for codes the API sends (status, channel, level, …). */
import { useMemo } from 'react';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useMeta } from './meta-context.tsx';

export function useLabels() {
  const { t, has, pick } = useI18n();
  const meta = useMeta();
  return useMemo(() => {
    const keyed = (prefix: string, code: string | null | undefined) => {
      if (!code) return t('common.none');
      const key = `${prefix}.${code}`;
      return has(key) ? t(key) : code;
    };
    return {
      status: (s: string) => keyed('status', s),
      channel: (c: string) => keyed('channel', c),
      action: (a: string) => keyed('action', a),
      event: (e: string) => keyed('event', e),
      customerType: (c: string | null | undefined) => keyed('customerType', c),
      qualification: (q: string | null | undefined) => keyed('qualification', q),
      clockState: (s: string) => keyed('clockState', s),
      unit: (id: string | null | undefined) => meta.node(id)?.name ?? id ?? t('common.none'),
      level: (policyId: string | null | undefined, level: string | null | undefined) => {
        if (!level) return t('common.none');
        const l = policyId ? meta.packs.get(policyId)?.severity.levels.find((x) => x.id === level) : undefined;
        return l ? pick(l.nameZh, l.name) : level;
      },
      levelRank: (policyId: string | null | undefined, level: string | null | undefined) =>
        (policyId && level && meta.packs.get(policyId)?.severity.levels.find((x) => x.id === level)?.rank) || 0,
      category: (id: string | null | undefined, policyId?: string | null) => {
        if (!id) return t('common.none');
        const c = meta.category(id, policyId);
        return c ? pick(c.nameZh, c.name) : id;
      },
      /** A pack's position (岗位) by id: 销售经理, 项目经理, … */
      position: (policyId: string | null | undefined, id: string) => {
        const p = policyId ? meta.packs.get(policyId)?.positions.find((x) => x.id === id) : undefined;
        return p ? pick(p.nameZh, p.name) : id;
      },
      clock: (policyId: string | null | undefined, name: string) => {
        const c = policyId ? meta.packs.get(policyId)?.clocks.find((x) => x.name === name) : undefined;
        return c ? pick(c.labelZh, c.label) : name;
      },
    };
  }, [t, has, pick, meta]);
}

/** Names in the current language for a report's codes; the server's Chinese label is the fallback. */
import { useMemo } from 'react';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useMeta } from '../meta/meta-context.tsx';

export function useReportLabels() {
  const { lang, t, has } = useI18n();
  const meta = useMeta();
  return useMemo(() => {
    const zh = lang === 'zh-CN';
    const fromPacks = <T>(find: (p: import('../../api/types.ts').Pack) => T | undefined) => {
      for (const p of meta.packs.values()) {
        const hit = find(p);
        if (hit) return hit;
      }
      return undefined;
    };
    return {
      channel: (key: string | null, labelZh: string) => (key && has(`channel.${key}`) ? t(`channel.${key}` as 'channel.phone') : labelZh),
      level: (key: string | null, labelZh: string) =>
        zh || !key ? labelZh : (fromPacks((p) => p.severity.levels.find((l) => l.id === key)?.name) ?? labelZh),
      unit: (key: string | null, labelZh: string) => (key ? (meta.node(key)?.name ?? labelZh) : labelZh),
      clock: (name: string, labelZh: string) =>
        zh ? labelZh : (fromPacks((p) => p.clocks.find((c) => c.name === name)?.label) ?? labelZh),
      status: (s: string, statusZh: string) => (has(`status.${s}`) ? t(`status.${s}` as 'status.closed') : statusZh),
      category: (labelZh: string | null) => labelZh ?? t('common.none'),
      /** A pack's root cause (S0 food §5) in the console's language. */
      cause: (key: string | null, labelZh: string) =>
        zh || !key ? labelZh : (fromPacks((p) => p.causes?.find((c) => c.id === key)?.name) ?? labelZh),
    };
  }, [lang, t, has, meta]);
}

import { PlainTag, type TagColor } from './plain-tag.tsx';
import { HoverTooltip } from './hover-tooltip.tsx';
import type { ComplaintStatus } from '../api/types.ts';
import { useLabels } from '../features/meta/use-labels.ts';
import { useMeta } from '../features/meta/meta-context.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';

const STATUS_COLOR: Partial<Record<ComplaintStatus, TagColor>> = {
  received: 'blue',
  qualified: 'cyan',
  dispatched: 'geekblue',
  acknowledged: 'purple',
  investigated: 'magenta',
  awaiting_approval: 'orange',
  replied: 'lime',
  confirmed: 'green',
  visited: 'green',
  closed: 'default',
};

export function StatusTag({ status }: { status: ComplaintStatus }) {
  const labels = useLabels();
  return (
    <PlainTag color={STATUS_COLOR[status]} data-status={status}>
      {labels.status(status)}
    </PlainTag>
  );
}

const LEVEL_COLORS: TagColor[] = ['red', 'volcano', 'gold', 'blue'];

/** Severity tag coloured by rank within its pack; the tooltip names the rule that set the level (R-SV-4). */
export function LevelTag({ policyId, level, rule }: { policyId: string; level: string | null; rule?: string | null }) {
  const labels = useLabels();
  const meta = useMeta();
  const { t, pick } = useI18n();
  if (!level) return null;
  const levels = meta.packs.get(policyId)?.severity.levels ?? [];
  const ranks = [...levels].sort((a, b) => b.rank - a.rank).map((l) => l.id);
  const color = LEVEL_COLORS[Math.min(Math.max(ranks.indexOf(level), 0), LEVEL_COLORS.length - 1)];
  const ruleDef = rule ? meta.packs.get(policyId)?.severity.rules?.find((r) => r.ruleId === rule) : undefined;
  const ruleText = rule ? (ruleDef ? `${rule} — ${pick(ruleDef.labelZh, ruleDef.label)}` : rule) : null;
  const tag = (
    <PlainTag color={color} data-level={level} tabIndex={ruleText ? 0 : undefined}>
      {labels.level(policyId, level)}
    </PlainTag>
  );
  return ruleText ? <HoverTooltip title={t('complaint.levelRule', { rule: ruleText })}>{tag}</HoverTooltip> : tag;
}

/** Edits one due rule of a clock (the pack's DueRule): its kind and amount, or the three receipt classes. */
import { InputNumber, Select, Space, Typography } from 'antd';
import type { DueRule } from '../../../../src/domain/contracts.ts';
import { useT } from '../../i18n/i18n-context.tsx';

const KINDS = [
  'business_minutes',
  'business_hours',
  'business_days',
  'calendar_minutes',
  'calendar_hours',
  'calendar_days',
  'end_of_day',
  'by_receipt_class',
] as const;
type Kind = (typeof KINDS)[number];
const CLASSES = ['inHours', 'outsideHoursWorkday', 'restDay'] as const;

/** The amount field of a leaf rule, and whether it may be a fraction (hours may: 0.5 h). */
function amountOf(rule: DueRule): { field: 'minutes' | 'hours' | 'days'; value: number; fraction: boolean } | null {
  switch (rule.kind) {
    case 'business_minutes':
    case 'calendar_minutes':
      return { field: 'minutes', value: rule.minutes, fraction: false };
    case 'business_hours':
    case 'calendar_hours':
      return { field: 'hours', value: rule.hours, fraction: true };
    case 'business_days':
    case 'calendar_days':
      return { field: 'days', value: rule.days, fraction: false };
    default:
      return null;
  }
}

function withKind(previous: DueRule, kind: Kind): DueRule {
  const old = amountOf(previous);
  switch (kind) {
    case 'business_minutes':
    case 'calendar_minutes':
      return { kind, minutes: old?.field === 'minutes' ? old.value : 30 };
    case 'business_hours':
    case 'calendar_hours':
      return { kind, hours: old?.field === 'hours' ? old.value : 4 };
    case 'business_days':
    case 'calendar_days':
      return { kind, days: old?.field === 'days' ? old.value : 1 };
    case 'end_of_day':
      return { kind };
    case 'by_receipt_class':
      return previous.kind === 'by_receipt_class'
        ? previous
        : { kind, inHours: previous, outsideHoursWorkday: previous, restDay: { kind: 'end_of_day' } };
  }
}

export function DueRuleEditor({ rule, onChange, testId }: { rule: DueRule; onChange: (r: DueRule) => void; testId: string }) {
  const t = useT();
  const amount = amountOf(rule);
  const head = (
    <Space wrap size="small">
      <Select
        aria-label={t('policy.rule.kind')}
        data-testid={`${testId}-kind`}
        size="small"
        style={{ width: 170 }}
        value={rule.kind}
        onChange={(k: Kind) => onChange(withKind(rule, k))}
        options={KINDS.map((k) => ({ value: k, label: t(`policy.rule.${k}`) }))}
      />
      {amount && (
        <InputNumber
          aria-label={t('policy.rule.amount')}
          data-testid={`${testId}-amount`}
          size="small"
          min={amount.fraction ? 0.1 : 1}
          step={amount.fraction ? 0.5 : 1}
          precision={amount.fraction ? undefined : 0}
          value={amount.value}
          onChange={(v) => typeof v === 'number' && onChange({ ...rule, [amount.field]: v } as DueRule)}
        />
      )}
    </Space>
  );
  if (rule.kind !== 'by_receipt_class') return head;
  return (
    <Space direction="vertical" size={4}>
      {head}
      {CLASSES.map((c) => (
        <Space key={c} size="small" wrap style={{ paddingLeft: 16 }}>
          <Typography.Text type="secondary" style={{ minWidth: 150, display: 'inline-block' }}>
            {t(`policy.rule.${c}`)}
          </Typography.Text>
          <DueRuleEditor rule={rule[c]} onChange={(r) => onChange({ ...rule, [c]: r })} testId={`${testId}-${c}`} />
        </Space>
      ))}
    </Space>
  );
}

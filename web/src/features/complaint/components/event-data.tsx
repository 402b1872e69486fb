/**
 * An event's payload in words. Known fields get their label and their value translated (a department
 * id becomes its name); anything the client does not know yet is still shown, as key and value.
 */
import { Typography } from 'antd';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { useLabels } from '../../meta/use-labels.ts';
import { useMeta } from '../../meta/meta-context.tsx';
import { formatTime } from '../../../components/format.ts';

const HIDDEN = new Set([
  'complaintId',
  'portal',
  'loggedLateMs',
  'manual',
  'repeatCount',
  'similarCount',
  'hash',
  'ruleId',
  'requestId',
  // Casework and attachment bookkeeping: ids and checksums say nothing to a reader.
  'sha256',
  'attachmentId',
  'mime',
  'size',
  'entryId',
  'actionId',
  'capaId',
  'caseId',
  'emergencyId',
  'returnId',
  'calendarVersion',
  'inWorkingHours',
  'version',
  // A customer message's (issue #14 item 6): the Message-ID is the intake's bookkeeping.
  'messageId',
]);
const FIELD_KEYS: Record<string, string> = {
  reason: 'field.reason',
  note: 'field.note',
  message: 'field.message',
  score: 'field.score',
  comment: 'field.comment',
  text: 'field.text',
  result: 'field.result',
  categoryId: 'field.category',
  leadDepartmentId: 'field.department',
  coDepartmentIds: 'field.coDepartments',
  departmentId: 'field.department',
  level: 'field.level',
  channel: 'field.channel',
  receivedAt: 'field.receivedAt',
  name: 'field.clock',
  minutes: 'field.minutes',
  cause: 'field.cause',
  causeId: 'field.causeId',
  sequence: 'field.sequence',
  responsible: 'field.responsible',
  conclusion: 'field.conclusion',
  countermeasures: 'field.countermeasures',
  prevention: 'field.prevention',
  code: 'field.code',
  internal: 'field.internal',
  plan: 'field.plan',
  from: 'field.fromLevel',
  filename: 'field.filename',
  dueAt: 'field.dueAt',
  team: 'field.team',
  owner: 'field.owner',
  dueDate: 'field.dueDate',
  containment: 'field.containment',
  rootCause: 'field.rootCause',
  description: 'field.description',
  kind: 'field.kind',
  answerDueAt: 'field.answerDueAt',
  conclusionDueAt: 'field.conclusionDueAt',
  planDueAt: 'field.planDueAt',
  commanderRole: 'field.commanderRole',
  // Issue #15: qualification's pick-lists, a level chosen at qualification, facts recorded after intake.
  criteria: 'field.criteria',
  invalidReasonId: 'field.invalidReason',
  automatic: 'field.automatic',
  via: 'field.via',
  flags: 'field.flagChanges',
  complainantCount: 'field.complainantCount',
  repeatOf: 'field.repeatOf',
  ownerRole: 'field.ownerRole',
  alertedRoles: 'field.alertedRoles',
  because: 'field.because',
  guideId: 'field.guide',
};

/** Event fields that name a pack's positions (#15 items 5, 6): shown by the position's name. */
const POSITION_FIELDS = new Set(['commanderRole', 'ownerRole', 'alertedRoles']);

export function EventData({ type, data, policyId }: { type: string; data: Record<string, unknown> | null; policyId: string }) {
  const { t, has, pick, lang } = useI18n();
  const labels = useLabels();
  const validity = useMeta().packs.get(policyId)?.validity;
  if (!data) return null;
  const term = (list: { id: string; name: string; nameZh: string }[] | undefined, id: string) => {
    const found = list?.find((x) => x.id === id);
    return found ? pick(found.nameZh, found.name) : id;
  };
  const fromTo = (from: unknown, to: unknown, show: (x: unknown) => string) => `${show(from)} → ${show(to)}`;
  const yesNo = (x: unknown) => (x ? t('common.yes') : t('common.no'));
  const value = (k: string, v: unknown): string => {
    if (k === 'invalidReasonId') return term(validity?.invalidReasons, v as string);
    if (k === 'criteria' && Array.isArray(v)) return v.map((id) => term(validity?.criteria, id as string)).join('、');
    if (k === 'automatic') return labels.level(policyId, v as string);
    if (k === 'via' && v === 'qualify') return t('level.viaQualify');
    if (k === 'flags' && type === 'facts_recorded' && v && typeof v === 'object') {
      return Object.entries(v as Record<string, { from: boolean; to: boolean }>)
        .map(([f, c]) => {
          const key = `fact.${f}`;
          return `${has(key) ? t(key) : f}: ${fromTo(c.from, c.to, yesNo)}`;
        })
        .join('；');
    }
    if (k === 'repeatOf' && v && typeof v === 'object') return String((v as { code?: string }).code ?? '');
    if (k === 'complainantCount' && v && typeof v === 'object') {
      const c = v as { from: number; to: number };
      return fromTo(c.from, c.to, String);
    }
    if (k === 'leadDepartmentId' || k === 'departmentId') return labels.unit(v as string);
    if (k === 'coDepartmentIds' && Array.isArray(v)) return v.map((d) => labels.unit(d as string)).join('、');
    if (k === 'categoryId') return labels.category(v as string, policyId);
    if (POSITION_FIELDS.has(k) || (k === 'team' && type === 'emergency_opened')) {
      const ids = Array.isArray(v) ? (v as string[]) : [v as string];
      return ids.map((id) => labels.position(policyId, id)).join('、');
    }
    if (k === 'level' || k === 'from') return labels.level(policyId, v as string);
    if (k === 'channel') return labels.channel(v as string);
    if (k === 'result') return labels.qualification(v as string);
    if (k === 'name' && (type.startsWith('clock') || type.startsWith('extension'))) return labels.clock(policyId, v as string);
    if (k === 'receivedAt' || k === 'at' || k === 'dueAt') return formatTime(v as string);
    if (k.endsWith('At') && typeof v === 'string') return formatTime(v);
    if (k === 'kind' && typeof v === 'string') {
      const kindKey = [`em.kind.${v}`, `capa.kind.${v}`].find((x) => has(x));
      if (kindKey) return t(kindKey);
    }
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join('、');
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
  };
  const entries = Object.entries(data).filter(
    ([k, v]) => v !== null && v !== undefined && v !== '' && !HIDDEN.has(k) && !k.endsWith('Zh') && !(Array.isArray(v) && !v.length),
  );
  // Bilingual reasons (automatic level changes) come as reason + reasonZh.
  const reasonZh = typeof data.reasonZh === 'string' ? data.reasonZh : null;
  if (!entries.length) return null;
  return (
    <div style={{ fontSize: 13 }}>
      {entries.map(([k, v]) => {
        const key = FIELD_KEYS[k];
        const label = key && has(key) ? t(key) : k;
        const shown = k === 'reason' && reasonZh ? pick(reasonZh, String(v)) : value(k, v);
        return (
          <div key={k} className="pre-wrap">
            <Typography.Text type="secondary">
              {label}
              {lang === 'zh-CN' ? '：' : ': '}
            </Typography.Text>
            {shown}
          </div>
        );
      })}
    </div>
  );
}

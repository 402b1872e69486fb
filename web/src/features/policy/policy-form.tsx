/**
 * The common parts of a pack as a form (issue #16 item 4): time limits per clock and channel, severity
 * thresholds, compensation and penalty tables, report days, reply approval and return visit. Edits the
 * pack's JSON in place (by path); the page turns the result into a merge patch.
 */
import { Card, Checkbox, InputNumber, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import type { ClockDefinition, DueRule } from '../../../../src/domain/contracts.ts';
import { DEFAULT_REPLY_APPROVER_ROLES } from '../../../../src/domain/lifecycle/pack-lifecycle.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { PackJson } from './api.ts';
import { DueRuleEditor } from './due-rule-editor.tsx';
import type { Path } from './edit-pack.ts';

interface Props {
  pack: PackJson;
  onEdit: (path: Path, value: unknown) => void;
}

const num = (onChange: (v: number) => void) => (v: number | string | null) => typeof v === 'number' && onChange(v);

function Clocks({ pack, onEdit }: Props) {
  const { t, pick, has } = useI18n();
  const channel = (c: string) => (has(`channel.${c}`) ? t(`channel.${c}` as 'channel.phone') : c);
  const clocks = pack.clocks as unknown as ClockDefinition[];
  return (
    <Card size="small" title={t('policy.section.clocks')} data-testid="policy-clocks">
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        {clocks.map((c, i) => (
          <div key={`${c.name}-${c.ruleId}-${i}`} data-testid={`policy-clock-${i}`}>
            <Space wrap size="small">
              <Typography.Text strong>{pick(c.labelZh, c.label)}</Typography.Text>
              <Tag>{c.ruleId}</Tag>
              {c.levels && <Tag color="orange">{t('policy.clock.levels', { levels: c.levels.join(', ') })}</Tag>}
              {c.channels && <Tag color="blue">{t('policy.clock.channels', { channels: c.channels.map(channel).join('、') })}</Tag>}
            </Space>
            <div style={{ paddingLeft: 16, marginTop: 4 }}>
              <Space align="start" wrap>
                <Typography.Text type="secondary" style={{ minWidth: 90, display: 'inline-block' }}>
                  {t('policy.clock.default')}
                </Typography.Text>
                <DueRuleEditor rule={c.due} onChange={(r) => onEdit(['clocks', i, 'due'], r)} testId={`clock-${i}-due`} />
              </Space>
              {Object.entries(c.byChannel ?? {}).map(([ch, rule]) => (
                <div key={ch} style={{ marginTop: 4 }}>
                  <Space align="start" wrap>
                    <Typography.Text type="secondary" style={{ minWidth: 90, display: 'inline-block' }}>
                      {t('policy.clock.forChannel', { channel: channel(ch) })}
                    </Typography.Text>
                    <DueRuleEditor
                      rule={rule as DueRule}
                      onChange={(r) => onEdit(['clocks', i, 'byChannel', ch], r)}
                      testId={`clock-${i}-${ch}`}
                    />
                  </Space>
                </div>
              ))}
            </div>
          </div>
        ))}
      </Space>
    </Card>
  );
}

function Severity({ pack, onEdit }: Props) {
  const { t, pick } = useI18n();
  const rows = pack.severity.rules
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => 'n' in r.when || 'amount' in r.when)
    .map(({ r, i }) => ({ key: i, i, r }));
  if (rows.length === 0) return null;
  const levelName = (id: string) => {
    const l = pack.severity.levels.find((x) => x.id === id);
    return l ? pick(l.nameZh, l.name) : id;
  };
  return (
    <Card size="small" title={t('policy.section.severity')}>
      <Table
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('policy.severity.rule'), render: (_, { r }) => `${pick(r.labelZh, r.label)} (${r.ruleId})` },
          {
            title: t('policy.severity.level'),
            // The seed's definition of the level (S0 Vanke 3.4, S2 3 …), where the pack quotes one.
            render: (_, { r }) => {
              const l = pack.severity.levels.find((x) => x.id === r.level);
              const description = l && (l.descriptionZh || l.description) ? pick(l.descriptionZh ?? '', l.description ?? '') : null;
              return description ? <Tooltip title={description}>{levelName(r.level)}</Tooltip> : levelName(r.level);
            },
          },
          {
            title: t('policy.severity.threshold'),
            render: (_, { r, i }) => {
              const field = 'n' in r.when ? 'n' : 'amount';
              const value = (r.when as unknown as Record<string, number>)[field];
              return (
                <Space size="small">
                  <InputNumber
                    size="small"
                    min={1}
                    precision={0}
                    value={value}
                    aria-label={t('policy.severity.threshold')}
                    onChange={num((v) => onEdit(['severity', 'rules', i, 'when', field], v))}
                  />
                  {'unit' in r.when ? t(`policy.unit.${r.when.unit}`) : null}
                </Space>
              );
            },
          },
        ]}
      />
    </Card>
  );
}

function Compensation({ pack, onEdit }: Props) {
  const { t, pick } = useI18n();
  if (!pack.compensation) return null;
  return (
    <Card size="small" title={t('policy.section.compensation')}>
      {pack.compensation.entries.length > 0 && (
        <Table
          size="small"
          pagination={false}
          rowKey="id"
          dataSource={pack.compensation.entries.map((e, i) => ({ ...e, i }))}
          columns={[
            { title: t('policy.comp.level'), dataIndex: 'level' },
            { title: t('policy.comp.remedy'), render: (_, e) => pick(e.remedyZh, e.remedy) },
            {
              title: t('policy.comp.giftRatio'),
              render: (_, e) =>
                e.giftRatio === undefined ? (
                  '—'
                ) : (
                  <InputNumber
                    size="small"
                    min={0.1}
                    value={e.giftRatio}
                    onChange={num((v) => onEdit(['compensation', 'entries', e.i, 'giftRatio'], v))}
                  />
                ),
            },
            {
              title: t('policy.comp.approval'),
              render: (_, e) => (
                <Switch
                  size="small"
                  checked={e.approvalRequired}
                  onChange={(v) => onEdit(['compensation', 'entries', e.i, 'approvalRequired'], v)}
                />
              ),
            },
          ]}
        />
      )}
      {(pack.compensation.discounts ?? []).length > 0 && (
        <Table
          size="small"
          pagination={false}
          rowKey="id"
          data-testid="policy-discounts"
          dataSource={(pack.compensation.discounts ?? []).map((d, i) => ({ ...d, i }))}
          columns={[
            { title: t('policy.comp.discount'), dataIndex: 'labelZh' },
            { title: t('policy.comp.condition'), render: (_, d) => pick(d.conditionZh, d.condition) },
            {
              title: t('policy.comp.percentOff'),
              render: (_, d) => (
                <InputNumber
                  size="small"
                  min={0.1}
                  max={100}
                  value={d.percentOff}
                  aria-label={t('policy.comp.percentOff')}
                  onChange={num((v) => onEdit(['compensation', 'discounts', d.i, 'percentOff'], v))}
                />
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}

function Penalties({ pack, onEdit }: Props) {
  const { t } = useI18n();
  const p = pack.penalties;
  if (!p) return null;
  return (
    <Card size="small" title={t('policy.section.penalties')}>
      <Table
        size="small"
        pagination={false}
        rowKey="level"
        dataSource={p.byLevel.map((b, i) => ({ ...b, i }))}
        columns={[
          { title: t('policy.pen.level'), dataIndex: 'level' },
          {
            title: t('policy.pen.fine'),
            render: (_, b) => (
              <InputNumber
                size="small"
                min={0}
                value={b.fineYuan}
                onChange={num((v) => onEdit(['penalties', 'byLevel', b.i, 'fineYuan'], v))}
              />
            ),
          },
          {
            title: t('policy.pen.points'),
            render: (_, b) => (
              <InputNumber
                size="small"
                min={0}
                value={b.areaPointsDeducted}
                onChange={num((v) => onEdit(['penalties', 'byLevel', b.i, 'areaPointsDeducted'], v))}
              />
            ),
          },
          {
            title: t('policy.pen.dismissal'),
            render: (_, b) => (
              <Switch size="small" checked={b.dismissal} onChange={(v) => onEdit(['penalties', 'byLevel', b.i, 'dismissal'], v)} />
            ),
          },
        ]}
      />
      <Space wrap size="middle" style={{ margin: '8px 0' }} data-testid="policy-split">
        <Typography.Text strong>{t('policy.pen.split')}</Typography.Text>
        {p.split.map((sh, j) => (
          <Space.Compact key={sh.role}>
            <Space.Addon>{sh.role}</Space.Addon>
            <InputNumber
              size="small"
              min={0}
              max={100}
              value={sh.percent}
              aria-label={`${t('policy.pen.split')} ${sh.role}`}
              onChange={num((v) => onEdit(['penalties', 'split', j, 'percent'], v))}
            />
            <Space.Addon>%</Space.Addon>
          </Space.Compact>
        ))}
        {p.repeatAtStation && (
          <Space.Compact>
            <Space.Addon>{t('policy.pen.repeatFrom')}</Space.Addon>
            <InputNumber
              size="small"
              min={1}
              precision={0}
              value={p.repeatAtStation.nthValidComplaintInYear}
              aria-label={t('policy.pen.repeatFrom')}
              onChange={num((v) => onEdit(['penalties', 'repeatAtStation', 'nthValidComplaintInYear'], v))}
            />
            <Space.Addon>{t('policy.pen.repeatMultiplier', { role: p.repeatAtStation.role })}</Space.Addon>
            <InputNumber
              size="small"
              min={1}
              value={p.repeatAtStation.multiplier}
              aria-label={t('policy.pen.repeatMultiplier', { role: p.repeatAtStation.role })}
              onChange={num((v) => onEdit(['penalties', 'repeatAtStation', 'multiplier'], v))}
            />
          </Space.Compact>
        )}
      </Space>
      {p.overdue.length > 0 && (
        <>
          <Typography.Text strong style={{ display: 'block', margin: '8px 0 4px' }}>
            {t('policy.pen.overdue')}
          </Typography.Text>
          <Table
            size="small"
            pagination={false}
            rowKey="id"
            dataSource={p.overdue.map((o, i) => ({ ...o, i }))}
            columns={[
              {
                title: t('policy.pen.overdueHours'),
                render: (_, o) => (
                  <InputNumber
                    size="small"
                    min={0}
                    value={o.overdueHoursAtLeast}
                    onChange={num((v) => onEdit(['penalties', 'overdue', o.i, 'overdueHoursAtLeast'], v))}
                  />
                ),
              },
              {
                title: t('policy.pen.fine'),
                render: (_, o) => (
                  <Space wrap size="small">
                    {o.fines.map((f, j) => (
                      <Space.Compact key={f.role}>
                        <Space.Addon>{f.role}</Space.Addon>
                        <InputNumber
                          size="small"
                          min={0}
                          value={f.yuan}
                          onChange={num((v) => onEdit(['penalties', 'overdue', o.i, 'fines', j, 'yuan'], v))}
                        />
                      </Space.Compact>
                    ))}
                  </Space>
                ),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}

function Reports({ pack, onEdit }: Props) {
  const { t, pick } = useI18n();
  const monthly = pack.reports.map((r, i) => ({ r, i })).filter(({ r }) => r.due.kind === 'monthly');
  if (monthly.length === 0) return null;
  return (
    <Card size="small" title={t('policy.section.reports')}>
      <Table
        size="small"
        pagination={false}
        rowKey={({ r }) => r.id}
        dataSource={monthly}
        columns={[
          { title: t('policy.report.name'), render: (_, { r }) => pick(r.nameZh, r.name) },
          {
            title: t('policy.report.day'),
            render: (_, { r, i }) =>
              r.due.kind === 'monthly' ? (
                <InputNumber
                  size="small"
                  min={1}
                  max={28}
                  precision={0}
                  value={r.due.day}
                  onChange={num((v) => onEdit(['reports', i, 'due', 'day'], v))}
                />
              ) : null,
          },
        ]}
      />
    </Card>
  );
}

/** The roles a pack may name as reply approvers (src/policies/pack-schema.ts REPLY_APPROVER_ROLES). */
const APPROVER_CHOICES: NonNullable<PackJson['replyApproval']['approverRoles']> = ['agent', 'qa', 'manager', 'admin'];

function Approval({ pack, onEdit }: Props) {
  const { t, pick } = useI18n();
  const approvers = pack.replyApproval.approverRoles ?? DEFAULT_REPLY_APPROVER_ROLES;
  return (
    <Card size="small" title={t('policy.section.approval')}>
      <Space direction="vertical">
        {/* The seed's wording behind the approval default, so the administrator sees what the switch stands for. */}
        <Typography.Text type="secondary" data-testid="policy-reply-approval-note">
          <Tag>{pack.replyApproval.ruleId}</Tag>
          {pick(pack.replyApproval.noteZh, pack.replyApproval.note)}
        </Typography.Text>
        <Space>
          <Switch
            data-testid="policy-reply-approval"
            checked={pack.replyApproval.requiredByDefault}
            onChange={(v) => onEdit(['replyApproval', 'requiredByDefault'], v)}
          />
          {t('policy.replyApproval')}
        </Space>
        <Space wrap>
          {t('policy.replyApprovers')}
          <Checkbox.Group
            data-testid="policy-reply-approvers"
            value={[...approvers]}
            options={APPROVER_CHOICES.map((r) => ({ value: r, label: t(`role.${r}` as 'role.agent') }))}
            // At least one approver: the pack schema refuses an empty list.
            onChange={(v) =>
              v.length > 0 &&
              onEdit(
                ['replyApproval', 'approverRoles'],
                APPROVER_CHOICES.filter((r) => v.includes(r)),
              )
            }
          />
        </Space>
        <Space>
          <Switch
            data-testid="policy-return-visit"
            checked={pack.returnVisit.required}
            onChange={(v) => onEdit(['returnVisit', 'required'], v)}
          />
          {t('policy.returnVisit')}
          <Tag>{pack.returnVisit.ruleId}</Tag>
        </Space>
      </Space>
    </Card>
  );
}

/** The S3 sheet gives no full score for 客户投诉处理及时率: the KPI report assumes 10 until one is set here. */
function Kpi({ pack, onEdit }: Props) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('policy.section.kpi')}>
      <Space>
        {t('policy.kpi.fullScore')}
        <InputNumber
          data-testid="policy-kpi-full-score"
          size="small"
          min={1}
          max={1000}
          placeholder="10"
          value={pack.kpi?.timelinessFullScore ?? null}
          onChange={num((v) => onEdit(['kpi', 'timelinessFullScore'], v))}
        />
      </Space>
    </Card>
  );
}

/** The seed sections the pack was written from. */
function Sources({ pack }: Props) {
  const { t } = useI18n();
  return (
    <Typography.Text type="secondary" data-testid="policy-sources">
      {t('policy.sources')}
      {pack.sources.map((s) => `${s.seed} ${s.section}`).join('；')}
    </Typography.Text>
  );
}

export function PolicyForm(props: Props) {
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Sources {...props} />
      <Clocks {...props} />
      <Severity {...props} />
      <Compensation {...props} />
      <Penalties {...props} />
      <Reports {...props} />
      <Approval {...props} />
      <Kpi {...props} />
    </Space>
  );
}

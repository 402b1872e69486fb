/** The form fields of each lifecycle action (docs/API.md, POST /complaints/:id/actions). */
import { Checkbox, Form, Input, InputNumber, Radio, Rate, Select, TreeSelect } from 'antd';
import type { Complaint } from '../../../api/types.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { useMeta } from '../../meta/meta-context.tsx';
import { useLabels } from '../../meta/use-labels.ts';
import { categoryTreeData } from '../../../components/category-tree.ts';
import { countsDeliveries, namesDirectPerson } from '../../meta/pack-features.ts';

/** Requests for an extension not yet approved, from the event log. */
export function pendingExtensions(c: Complaint): { requestId: string; name: string; minutes: number }[] {
  const events = c.events ?? [];
  const approved = new Set(events.filter((e) => e.type === 'extension_approved').map((e) => String(e.data?.requestId)));
  return events
    .filter((e) => e.type === 'extension_requested' && e.data?.requestId && !approved.has(String(e.data.requestId)))
    .map((e) => ({ requestId: String(e.data!.requestId), name: String(e.data!.name ?? ''), minutes: Number(e.data!.minutes ?? 0) }));
}

export function ActionFields({ type, complaint }: { type: string; complaint: Complaint }) {
  const { t, pick } = useI18n();
  const meta = useMeta();
  const labels = useLabels();
  const pack = meta.packs.get(complaint.policyId);
  const req = { required: true, whitespace: true, message: t('common.required') };
  const text = (name: string, labelKey: Parameters<typeof t>[0], required: boolean, rows = 2) => (
    <Form.Item key={name} name={name} label={t(labelKey)} rules={required ? [req] : []}>
      <Input.TextArea rows={rows} />
    </Form.Item>
  );
  const levelSelect = (required: boolean) => (
    <Form.Item name="level" label={t('field.level')} rules={required ? [req] : []}>
      <Select allowClear={!required} options={(pack?.severity.levels ?? []).map((l) => ({ value: l.id, label: pick(l.nameZh, l.name) }))} />
    </Form.Item>
  );
  const clockSelect = (states: string[]) => (
    <Form.Item name="clock" label={t('field.clock')} rules={[req]}>
      <Select
        options={complaint.clocks
          .filter((c) => states.includes(c.state))
          .map((c) => ({ value: c.name, label: labels.clock(complaint.policyId, c.name) }))}
      />
    </Form.Item>
  );
  const departments = meta.departmentsOf(complaint.unitId).map((d) => ({ value: d.id, label: d.name }));

  switch (type) {
    case 'qualify':
      return <QualifyFields complaint={complaint} />;
    case 'record_facts':
      return <RecordFactsFields complaint={complaint} />;
    case 'dispatch':
      return (
        <>
          <Form.Item name="leadDepartmentId" label={t('field.department')} rules={[req]}>
            <Select options={departments} />
          </Form.Item>
          <Form.Item name="coDepartmentIds" label={t('field.coDepartments')}>
            <Select mode="multiple" options={departments} />
          </Form.Item>
          {text('note', 'field.note', false)}
        </>
      );
    case 'report':
      return (
        <>
          {/* S0 food §5: the root cause is picked from the pack's list when the pack has one. */}
          {pack?.causes?.length ? (
            <Form.Item name="causeId" label={t('field.causeId')}>
              <Select allowClear options={pack.causes.map((c) => ({ value: c.id, label: pick(c.nameZh, c.name) }))} />
            </Form.Item>
          ) : null}
          {(['cause', 'sequence', 'responsible', 'conclusion', 'countermeasures', 'prevention'] as const).map((f) =>
            text(f, `field.${f}`, true),
          )}
          {namesDirectPerson(pack) && (
            <Form.Item name="directPerson" label={t('field.directPerson')} initialValue={complaint.directPerson ?? undefined}>
              <Input maxLength={100} />
            </Form.Item>
          )}
        </>
      );
    case 'reply':
      return text('message', 'field.message', true, 4);
    case 'interim_reply':
      return text('message', 'field.interimMessage', true, 3);
    case 'submit_improvement':
      return text('plan', 'field.plan', true, 4);
    case 'visit':
      return (
        <>
          <Form.Item name="score" label={t('field.score')} rules={[{ required: true, message: t('common.required') }]}>
            <Rate count={5} />
          </Form.Item>
          {text('comment', 'field.comment', false)}
        </>
      );
    case 'set_level':
      return (
        <>
          {levelSelect(true)}
          {text('reason', 'field.reason', true)}
        </>
      );
    case 'pause_clock':
      return (
        <>
          {clockSelect(['running'])}
          {text('reason', 'field.reason', true)}
        </>
      );
    case 'resume_clock':
      return clockSelect(['paused']);
    case 'request_extension':
      return (
        <>
          {clockSelect(['running', 'paused'])}
          <Form.Item name="minutes" label={t('field.minutes')} rules={[{ required: true, message: t('common.required') }]}>
            <InputNumber min={1} max={129600} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          {text('reason', 'field.reason', true)}
        </>
      );
    case 'approve_extension':
      return (
        <Form.Item name="requestId" label={t('field.requestId')} rules={[req]}>
          <Select
            options={pendingExtensions(complaint).map((r) => ({
              value: r.requestId,
              label: `${labels.clock(complaint.policyId, r.name)} +${t('duration.m', { n: r.minutes })}`,
            }))}
          />
        </Form.Item>
      );
    case 'note':
      return (
        <>
          {text('text', 'field.text', true, 3)}
          <Form.Item name="internal" valuePropName="checked" initialValue={true}>
            <Checkbox>{t('field.internal')}</Checkbox>
          </Form.Item>
        </>
      );
    case 'return':
    case 'reject_reply':
    case 'dispute':
    case 'reopen':
    case 'contest':
    case 'recompute_clocks':
    case 'reinvestigate':
      return text('reason', 'field.reason', true);
    case 'urge':
    case 'acknowledge':
    case 'confirm':
    case 'close':
      return text('note', 'field.note', false);
    default:
      return null;
  }
}

/**
 * Qualification (R-Q-1, R-Q-2; issue #15): the pack's validity criteria as ticks for a valid complaint,
 * its invalid reasons as the one pick for an invalid one; a level above the automatic one is honoured,
 * one below needs the reason.
 */
function QualifyFields({ complaint }: { complaint: Complaint }) {
  const { t, pick } = useI18n();
  const meta = useMeta();
  const form = Form.useFormInstance();
  const result = (Form.useWatch('result', form) as string | undefined) ?? 'valid';
  const pack = meta.packs.get(complaint.policyId);
  const validity = pack?.validity;
  return (
    <>
      <Form.Item name="result" label={t('field.result')} rules={[{ required: true, message: t('common.required') }]} initialValue="valid">
        <Radio.Group
          options={[
            { value: 'valid', label: t('qualify.valid') },
            { value: 'invalid', label: t('qualify.invalid') },
            { value: 'suggestion', label: t('qualify.suggestion') },
          ]}
        />
      </Form.Item>
      <Form.Item name="categoryId" label={t('field.category')} initialValue={complaint.categoryId ?? undefined}>
        <TreeSelect allowClear showSearch treeNodeFilterProp="title" treeData={categoryTreeData(pack?.taxonomy ?? [], pick)} />
      </Form.Item>
      {result === 'valid' && (
        <>
          <Form.Item name="criteria" label={t('field.criteria')} extra={t('qualify.criteriaHint')}>
            <Checkbox.Group options={(validity?.criteria ?? []).map((c) => ({ value: c.id, label: pick(c.nameZh, c.name) }))} />
          </Form.Item>
          <Form.Item name="level" label={t('field.level')} extra={t('qualify.levelHint')}>
            <Select allowClear options={(pack?.severity.levels ?? []).map((l) => ({ value: l.id, label: pick(l.nameZh, l.name) }))} />
          </Form.Item>
        </>
      )}
      {countsDeliveries(pack) && (
        <Form.Item name="deliveryRef" label={t('field.deliveryRef')} initialValue={complaint.deliveryRef ?? undefined}>
          <Input maxLength={64} />
        </Form.Item>
      )}
      {result === 'invalid' && (
        <Form.Item name="invalidReasonId" label={t('field.invalidReason')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={(validity?.invalidReasons ?? []).map((r) => ({ value: r.id, label: pick(r.nameZh, r.name) }))} />
        </Form.Item>
      )}
      <Form.Item
        name="reason"
        label={t('field.reason')}
        dependencies={['result']}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, v: string | undefined) =>
              getFieldValue('result') !== 'valid' && !v?.trim() ? Promise.reject(new Error(t('qualify.reasonNeeded'))) : Promise.resolve(),
          }),
        ]}
      >
        <Input.TextArea rows={2} />
      </Form.Item>
    </>
  );
}

/** The facts that can arise after intake (issue #15 item 2), each a yes / no, with the reason they are recorded. */
const FACTS = ['lawsuit', 'media', 'lawsuitThreat', 'mediaThreat', 'supportNeeded', 'safety', 'insistent', 'special'] as const;

function RecordFactsFields({ complaint }: { complaint: Complaint }) {
  const { t } = useI18n();
  const flags = (complaint.flags ?? {}) as Record<string, boolean>;
  return (
    <>
      {FACTS.map((f) => (
        <Form.Item key={f} name={['flags', f]} valuePropName="checked" initialValue={flags[f] === true} style={{ marginBottom: 4 }}>
          <Checkbox>{t(`fact.${f}`)}</Checkbox>
        </Form.Item>
      ))}
      <Form.Item name="complainantCount" label={t('field.complainantCount')} initialValue={complaint.complainantCount}>
        <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="reason" label={t('field.reason')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </>
  );
}

/** The text of a corrective action (team, problem, containment, root cause, prevention): opens or edits it. */
import { Button, Form, Input, Select } from 'antd';
import { useT } from '../../../i18n/i18n-context.tsx';
import type { Capa, CapaFields } from '../api.ts';

export function CapaFieldsForm({ capa, busy, onSave }: { capa: Capa | null; busy: boolean; onSave: (v: CapaFields) => void }) {
  const t = useT();
  const clean = (v: CapaFields): CapaFields => ({
    team: (v.team ?? []).map((s) => s.trim()).filter(Boolean),
    problem: v.problem?.trim() ?? '',
    containment: v.containment?.trim() ?? '',
    rootCause: v.rootCause?.trim() ?? '',
    prevention: v.prevention?.trim() ?? '',
  });
  return (
    <Form<CapaFields>
      name={capa ? 'capa-edit' : 'capa-open'}
      layout="vertical"
      key={capa ? `${capa.id}-${capa.containment}-${capa.rootCause}-${capa.prevention}` : 'new'}
      initialValues={
        capa
          ? {
              team: capa.team,
              problem: capa.problem ?? '',
              containment: capa.containment ?? '',
              rootCause: capa.rootCause ?? '',
              prevention: capa.prevention ?? '',
            }
          : { team: [] }
      }
      onFinish={(v) => onSave(clean(v))}
      data-testid="capa-form"
    >
      <Form.Item name="team" label={t('capa.team')} extra={t('em.teamHint')}>
        <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、']} />
      </Form.Item>
      <Form.Item name="problem" label={t('capa.problem')} rules={[{ max: 5000 }]}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 5 }} />
      </Form.Item>
      <Form.Item name="containment" label={t('capa.containment')} rules={[{ max: 5000 }]}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 5 }} />
      </Form.Item>
      <Form.Item name="rootCause" label={t('capa.rootCause')} rules={[{ max: 5000 }]}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 5 }} />
      </Form.Item>
      <Form.Item name="prevention" label={t('capa.prevention')} rules={[{ max: 5000 }]}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 5 }} />
      </Form.Item>
      <Button htmlType="submit" type={capa ? 'default' : 'primary'} loading={busy}>
        {capa ? t('common.save') : t('capa.open')}
      </Button>
    </Form>
  );
}

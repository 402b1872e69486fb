/**
 * Compensation given on the complaint (S0 food 9.2, #15 item 5): the records (from its `compensation_given`
 * events) with who approved them, and a form to record one. The server decides whose approval it needs from
 * the pack's authority tiers and refuses an approver below it (403, shown here).
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input, InputNumber, List, Select, Typography } from 'antd';
import type { Complaint } from '../../../api/types.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { useMeta } from '../../meta/meta-context.tsx';
import { formatTime } from '../../../components/format.ts';
import { listUsers, type UserAccount } from '../../users/api.ts';
import { recordCompensation, type CompensationInput } from '../api.ts';

type Values = Omit<CompensationInput, 'items'> & { items: string };

export function CompensationCard({ complaint: c, canAct, onChanged }: { complaint: Complaint; canAct: boolean; onChanged: () => void }) {
  const { t, pick } = useI18n();
  const meta = useMeta();
  const table = meta.packs.get(c.policyId)?.compensation;
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Approvers are people holding one of the authority tiers' positions; only those who may list users see the list.
  const [people, setPeople] = useState<UserAccount[] | null>(null);
  useEffect(() => {
    if (canAct) listUsers().then(setPeople, () => setPeople(null));
  }, [canAct]);
  const entryId = Form.useWatch('entryId', form);
  if (!table?.authority) return null;
  const tiers = table.authority;
  const entries = table.entries.filter((e) => e.level === c.level);
  const entry = table.entries.find((e) => e.id === entryId);
  const tierName = (id: string) => {
    const tier = tiers.find((x) => x.id === id);
    return tier ? pick(tier.nameZh, tier.name) : id;
  };
  const positions = new Set(tiers.flatMap((x) => (x.positionId ? [x.positionId] : [])));
  const approvers = (people ?? []).filter((u) => u.positions.some((p) => positions.has(p.positionId)));
  const records = (c.events ?? []).filter((e) => e.type === 'compensation_given');

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await recordCompensation(c.id, { ...v, items: v.items.trim() });
      form.resetFields();
      onChanged();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="compensation-card">
      <List
        size="small"
        locale={{ emptyText: t('compensation.none') }}
        dataSource={records}
        renderItem={(e) => {
          const d = e.data as Record<string, unknown>;
          return (
            <List.Item>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                  {formatTime(e.at)} · {e.actor.name} · §{String(d.clause ?? '9.2')}
                </Typography.Text>
                <span className="pre-wrap">{String(d.items)}</span>
                <div>
                  {t('compensation.approvedBy', {
                    tier: tierName(String(d.approverTier)),
                    name: d.approverName ? String(d.approverName) : t('compensation.noApprover'),
                  })}
                </div>
              </div>
            </List.Item>
          );
        }}
      />
      {canAct && entries.length > 0 && (
        <Form<Values> form={form} layout="vertical" name="compensation" onFinish={(v) => void onFinish(v)} style={{ marginTop: 8 }}>
          <Form.Item name="entryId" label={t('compensation.entry')} rules={[{ required: true, message: t('common.required') }]}>
            <Select options={entries.map((e) => ({ value: e.id, label: `${e.clause ?? ''} ${pick(e.remedyZh, e.remedy)}` }))} />
          </Form.Item>
          <Form.Item
            name="items"
            label={t('compensation.items')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }]}
          >
            <Input maxLength={1000} />
          </Form.Item>
          {entry?.giftRatio !== undefined && (
            <>
              <Form.Item
                name="giftQuantity"
                label={t('compensation.giftQuantity')}
                extra={t('compensation.ratio', { ratio: entry.giftRatio })}
              >
                <InputNumber min={1} precision={0} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="affectedQuantity" label={t('compensation.affectedQuantity')}>
                <InputNumber min={0} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </>
          )}
          {entry?.coversMedicalCosts && (
            <Form.Item name="medicalCostsYuan" label={t('compensation.medicalCosts')}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          )}
          <Form.Item name="approverId" label={t('compensation.approver')} extra={t('compensation.approverHint')}>
            <Select allowClear options={approvers.map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
          <Button htmlType="submit" loading={busy}>
            {t('compensation.record')}
          </Button>
          {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 8 }} />}
        </Form>
      )}
    </div>
  );
}

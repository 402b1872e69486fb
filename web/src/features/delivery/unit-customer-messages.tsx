import { useEffect, useState } from 'react';
import { App as AntApp, Card, Select, Space, Switch, Typography } from 'antd';
import { useT } from '../../i18n/i18n-context.tsx';
import { useErrorReporter } from '../../components/use-error-reporter.ts';
import { saveUnitCustomerMessages, unitCustomerMessages, type UnitCustomerMessages } from './api.ts';

type Switches = Omit<UnitCustomerMessages, 'unitId' | 'unitName'>;
const KEYS = [
  { key: 'receipt', label: 'customerMessages.kind.receipt' },
  { key: 'reply', label: 'customerMessages.kind.reply' },
  { key: 'visitInvitation', label: 'customerMessages.kind.visit_invitation' },
] as const satisfies readonly { key: keyof Switches; label: string }[];

/** Issue #14 item 5: a unit turns each message to its customers on or off (channel settings page). */
export function UnitCustomerMessagesCard({ units }: { units: { id: string; name: string }[] }) {
  const t = useT();
  const report = useErrorReporter();
  const { message } = AntApp.useApp();
  const [unitId, setUnitId] = useState<string | undefined>(units[0]?.id);
  const [value, setValue] = useState<UnitCustomerMessages | null>(null);

  useEffect(() => {
    if (!unitId && units[0]) setUnitId(units[0].id);
  }, [unitId, units]);
  useEffect(() => {
    if (!unitId) return;
    let live = true;
    setValue(null);
    unitCustomerMessages(unitId).then((v) => live && setValue(v), report);
    return () => {
      live = false;
    };
  }, [unitId, report]);

  const toggle = (key: keyof Switches, on: boolean) => {
    if (!value || !unitId) return;
    const { unitId: _u, unitName: _n, ...switches } = value;
    saveUnitCustomerMessages(unitId, { ...switches, [key]: on }).then((v) => {
      setValue(v);
      message.success(t('customerMessages.saved'));
    }, report);
  };

  return (
    <Card size="small" title={t('customerMessages.settings')} style={{ marginTop: 16 }} data-testid="unit-customer-messages">
      <Typography.Paragraph type="secondary">{t('customerMessages.settingsHint')}</Typography.Paragraph>
      <Space wrap size="large">
        <Select
          aria-label={t('customerMessages.unit')}
          style={{ minWidth: 200 }}
          value={unitId}
          onChange={setUnitId}
          options={units.map((u) => ({ value: u.id, label: u.name }))}
        />
        {KEYS.map(({ key, label }) => (
          <Space key={key} size="small">
            <Switch
              aria-label={t(label)}
              checked={value?.[key] ?? false}
              disabled={!value}
              onChange={(on) => toggle(key, on)}
              data-testid={`customer-message-${key}`}
            />
            <span>{t(label)}</span>
          </Space>
        ))}
      </Space>
    </Card>
  );
}

/** Dispatch several qualified complaints of one unit to one department; each is its own action. */
import { useState } from 'react';
import { Alert, App, Button, Select, Space, Typography } from 'antd';
import type { ComplaintSummary } from '../../../api/types.ts';
import { useT } from '../../../i18n/i18n-context.tsx';
import { useMeta } from '../../meta/meta-context.tsx';
import { describeError } from '../../../components/use-error-reporter.ts';
import { dispatchComplaint } from '../api.ts';

interface Props {
  selected: ComplaintSummary[];
  onDone: () => void;
}

export function BulkDispatch({ selected, onDone }: Props) {
  const t = useT();
  const meta = useMeta();
  const { message, notification } = App.useApp();
  const [department, setDepartment] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (!selected.length) return null;

  const units = [...new Set(selected.map((c) => c.unitId))];
  const dispatchable = selected.filter((c) => c.status === 'qualified');
  const skipped = selected.length - dispatchable.length;

  const run = async () => {
    if (!department) return;
    setBusy(true);
    const failures: string[] = [];
    for (const c of dispatchable) {
      try {
        await dispatchComplaint(c.id, department);
      } catch (err) {
        failures.push(`${c.code}: ${describeError(err, t)}`);
      }
    }
    setBusy(false);
    const summary = t('queue.bulkResult', { ok: dispatchable.length - failures.length, failed: failures.length });
    if (failures.length) notification.error({ title: summary, description: failures.join('\n') });
    else message.success(summary);
    onDone();
  };

  return (
    <Space wrap align="center" style={{ marginBottom: 8 }} data-testid="bulk-dispatch">
      <Typography.Text strong>{t('queue.selected', { n: selected.length })}</Typography.Text>
      {units.length > 1 ? (
        <Alert type="warning" showIcon title={t('queue.bulkMixedUnits')} />
      ) : (
        <>
          <Select
            aria-label={t('queue.bulkTarget')}
            placeholder={t('queue.bulkTarget')}
            style={{ width: 200 }}
            value={department}
            onChange={setDepartment}
            options={meta.departmentsOf(units[0]).map((d) => ({ value: d.id, label: d.name }))}
          />
          <Button type="primary" onClick={run} loading={busy} disabled={!department || !dispatchable.length}>
            {t('queue.bulkDispatch')}
          </Button>
          {skipped > 0 && <Typography.Text type="warning">{t('queue.bulkOnlyQualified', { n: skipped })}</Typography.Text>}
        </>
      )}
    </Space>
  );
}

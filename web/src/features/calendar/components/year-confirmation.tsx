/**
 * A year the holiday data does not cover yet (R-TL-1, #15 item 8): its statutory holidays are counted,
 * its adjusted working days are unknown, and deadlines that count it are provisional. Once the State
 * Council's notice is out and its 调休 days are entered as overrides, a calendar editor confirms the
 * year here; complaints then offer to recompute their provisional deadlines.
 */
import { useState } from 'react';
import { Alert, App, Button } from 'antd';
import { useT } from '../../../i18n/i18n-context.tsx';
import { useErrorReporter } from '../../../components/use-error-reporter.ts';
import { useAuth } from '../../meta/auth-context.tsx';
import { putCalendar, type CalendarConfig } from '../api.ts';

export function YearConfirmation({
  unitId,
  year,
  calendar,
  onSaved,
}: {
  unitId: string;
  year: number;
  calendar: CalendarConfig;
  onSaved: () => void;
}) {
  const t = useT();
  const { can } = useAuth();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const [busy, setBusy] = useState(false);
  if (!calendar.useChineseHolidays) return null;
  const confirmed = calendar.confirmedYears?.includes(year) ?? false;
  if (confirmed)
    return (
      <Alert
        type="success"
        showIcon
        style={{ marginBottom: 12 }}
        title={t('calendar.yearConfirmed', { year })}
        data-testid="year-confirmed"
      />
    );

  const confirm = async () => {
    const { version: _version, ...rest } = calendar;
    setBusy(true);
    try {
      const saved = await putCalendar(unitId, { ...rest, confirmedYears: [...(calendar.confirmedYears ?? []), year] });
      message.success(t('calendar.saved', { n: saved.calendar.version ?? '' }));
      onSaved();
    } catch (err) {
      report(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      title={t('calendar.noOfficialData', { year })}
      description={t('calendar.confirmHint', { year })}
      data-testid="no-official-data"
      action={
        can('calendar.edit') ? (
          <Button size="small" loading={busy} onClick={confirm} data-testid="confirm-year">
            {t('calendar.confirmYear', { year })}
          </Button>
        ) : undefined
      }
    />
  );
}

/** Edits one unit's business calendar: working periods, weekdays, holiday data switch and date overrides. */
import { useState } from 'react';
import { App, Button, Checkbox, Col, DatePicker, Form, Input, Row, Select, Space, Switch, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useT } from '../../../i18n/i18n-context.tsx';
import { useErrorReporter } from '../../../components/use-error-reporter.ts';
import { putCalendar, type CalendarConfig } from '../api.ts';

interface Values {
  timeZone: string;
  workingPeriods: { start: string; end: string }[];
  workWeek: number[];
  useChineseHolidays: boolean;
  overrides: { date: Dayjs; kind: 'workday' | 'holiday'; name?: string }[];
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

function toValues(c: CalendarConfig): Values {
  return {
    timeZone: c.timeZone,
    workingPeriods: c.workingPeriods,
    workWeek: c.workWeek,
    useChineseHolidays: c.useChineseHolidays,
    overrides: Object.entries(c.overrides)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([date, o]) => ({ date: dayjs(date), kind: o.kind, name: o.name })),
  };
}

export function CalendarForm({ unitId, calendar, onSaved }: { unitId: string; calendar: CalendarConfig; onSaved: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const req = { required: true, message: t('common.required') };

  const onFinish = async (v: Values) => {
    const body = {
      timeZone: v.timeZone.trim(),
      workingPeriods: v.workingPeriods.map((p) => ({ start: p.start.trim(), end: p.end.trim() })),
      workWeek: [...v.workWeek].sort(),
      useChineseHolidays: v.useChineseHolidays,
      overrides: Object.fromEntries(
        v.overrides.map((o) => [o.date.format('YYYY-MM-DD'), o.name?.trim() ? { kind: o.kind, name: o.name.trim() } : { kind: o.kind }]),
      ),
      // The years confirmed on the page (YearConfirmation) stay confirmed through an edit of the rest.
      ...(calendar.confirmedYears?.length ? { confirmedYears: calendar.confirmedYears } : {}),
    };
    setBusy(true);
    try {
      const saved = await putCalendar(unitId, body);
      message.success(t('calendar.saved', { n: saved.calendar.version ?? '' }));
      onSaved();
    } catch (err) {
      report(err, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Values> form={form} layout="vertical" initialValues={toValues(calendar)} onFinish={onFinish} data-testid="calendar-form">
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="timeZone" label={t('calendar.timeZone')} rules={[req]}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name="useChineseHolidays" label={t('calendar.useChineseHolidays')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="workWeek" label={t('calendar.workWeek')}>
        <Checkbox.Group
          options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: t(`calendar.weekday${d}` as 'calendar.weekday1') }))}
        />
      </Form.Item>
      <Typography.Text strong>{t('calendar.periods')}</Typography.Text>
      <Form.List name="workingPeriods">
        {(fields, { add, remove }) => (
          <div style={{ marginTop: 8, marginBottom: 16 }}>
            {fields.map((f) => (
              <Space key={f.key} align="baseline" wrap style={{ display: 'flex' }}>
                <Form.Item name={[f.name, 'start']} label={t('calendar.start')} rules={[req, { pattern: HHMM, message: 'HH:mm' }]}>
                  <Input style={{ width: 90 }} placeholder="09:00" />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'end']}
                  label={t('calendar.end')}
                  dependencies={[['workingPeriods', f.name, 'start']]}
                  rules={[
                    req,
                    { pattern: HHMM, message: 'HH:mm' },
                    ({ getFieldValue }) => ({
                      validator: (_, end: string) => {
                        const start = getFieldValue(['workingPeriods', f.name, 'start']) as string | undefined;
                        return start && end && end <= start ? Promise.reject(new Error(t('calendar.periodOrder'))) : Promise.resolve();
                      },
                    }),
                  ]}
                >
                  <Input style={{ width: 90 }} placeholder="18:00" />
                </Form.Item>
                {fields.length > 1 && (
                  <Button type="text" aria-label={t('common.remove')} icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} />
                )}
              </Space>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ start: '', end: '' })} disabled={fields.length >= 6}>
              {t('common.add')}
            </Button>
          </div>
        )}
      </Form.List>
      <Typography.Text strong>{t('calendar.overrides')}</Typography.Text>
      <Form.List name="overrides">
        {(fields, { add, remove }) => (
          <div style={{ marginTop: 8, marginBottom: 16 }}>
            {fields.map((f) => (
              <Space key={f.key} align="baseline" wrap style={{ display: 'flex' }}>
                <Form.Item name={[f.name, 'date']} label={t('common.date')} rules={[req]}>
                  <DatePicker />
                </Form.Item>
                <Form.Item name={[f.name, 'kind']} label={t('field.status')} rules={[req]}>
                  <Select
                    style={{ width: 120 }}
                    options={[
                      { value: 'holiday', label: t('calendar.kindHoliday') },
                      { value: 'workday', label: t('calendar.kindWorkday') },
                    ]}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'name']} label={t('common.name')}>
                  <Input style={{ width: 160 }} />
                </Form.Item>
                <Button type="text" aria-label={t('common.remove')} icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} />
              </Space>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'holiday' })}>
              {t('calendar.addOverride')}
            </Button>
          </div>
        )}
      </Form.List>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('common.save')}
      </Button>
    </Form>
  );
}

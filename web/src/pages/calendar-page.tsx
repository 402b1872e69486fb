import { useState } from 'react';
import { Alert, Card, Col, InputNumber, Row, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useAsync } from '../components/use-async.ts';
import { describeError } from '../components/use-error-reporter.ts';
import { useMeta } from '../features/meta/meta-context.tsx';
import { getCalendar, type CalendarDay } from '../features/calendar/api.ts';
import { CalendarForm } from '../features/calendar/components/calendar-form.tsx';
import { YearConfirmation } from '../features/calendar/components/year-confirmation.tsx';

export default function CalendarPage() {
  const { t, has, pick } = useI18n();
  const meta = useMeta();
  const [unitId, setUnitId] = useState(meta.units[0]?.id);
  const [year, setYear] = useState(new Date().getFullYear());
  const { data, error, loading, reload } = useAsync(
    () => (unitId ? getCalendar(unitId, year) : Promise.resolve(undefined)),
    [unitId, year],
  );
  // The server flags the year when it can; older servers only send the covered range.
  const official = data?.yearHasOfficialData ?? (data ? year >= data.officialData.from && year <= data.officialData.to : true);
  const reasonLabel = (r: string) => (has(`calendar.reason.${r}`) ? t(`calendar.reason.${r}` as 'calendar.reason.public_holiday') : r);

  return (
    <>
      <Typography.Title level={3} className="page-title">
        {t('calendar.title')}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('calendar.unit')}
          style={{ width: 240 }}
          value={unitId}
          onChange={setUnitId}
          options={meta.units.map((u) => ({ value: u.id, label: u.name }))}
          showSearch
          optionFilterProp="label"
        />
        <Space.Compact>
          <Space.Addon>{t('calendar.year')}</Space.Addon>
          <InputNumber aria-label={t('calendar.year')} value={year} min={2000} max={2100} precision={0} onChange={(v) => v && setYear(v)} />
        </Space.Compact>
        {data?.calendar.version !== undefined && <Tag>{t('calendar.version', { n: data.calendar.version })}</Tag>}
      </Space>
      {error ? <Alert type="error" title={describeError(error, t)} /> : null}
      {loading && !data ? <Spin /> : null}
      {data && unitId && !official && <YearConfirmation unitId={unitId} year={year} calendar={data.calendar} onSaved={reload} />}
      {data && unitId && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <Card size="small">
              <CalendarForm key={`${unitId}-${data.calendar.version}`} unitId={unitId} calendar={data.calendar} onSaved={reload} />
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card
              size="small"
              title={t('calendar.specialDays', { year })}
              extra={<Typography.Text type="secondary">{t('calendar.officialRange', data.officialData)}</Typography.Text>}
            >
              <Table<CalendarDay>
                size="small"
                rowKey="date"
                pagination={{ pageSize: 15, hideOnSinglePage: true }}
                dataSource={data.days ?? []}
                columns={[
                  { title: t('common.date'), dataIndex: 'date' },
                  { title: t('common.name'), render: (_: unknown, d) => pick(d.nameZh, d.name) },
                  {
                    title: t('field.status'),
                    render: (_: unknown, d) => <Tag color={d.working ? 'blue' : 'red'}>{reasonLabel(d.reason)}</Tag>,
                  },
                ]}
              />
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}

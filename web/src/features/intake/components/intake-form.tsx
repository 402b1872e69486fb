/**
 * Logging a complaint received by phone, in person or by letter (R-IN-1, R-IN-2). Received-at may be
 * earlier than now because a call is logged after it ends, but never in the future.
 */
import { useMemo, useRef, useState } from 'react';
import { App, Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Select, TreeSelect } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { CHANNELS, CUSTOMER_TYPES } from '../../../api/types.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { useMeta } from '../../meta/meta-context.tsx';
import { useLabels } from '../../meta/use-labels.ts';
import { useErrorReporter } from '../../../components/use-error-reporter.ts';
import { categoryTreeData } from '../../../components/category-tree.ts';
import { createComplaint, PHONE_RE, type CreateComplaintBody } from '../api.ts';
import { CustomerHistory, SimilarOpen } from './intake-side-panels.tsx';
import { randomId } from '../../../components/random-id.ts';
import { countsDeliveries } from '../../meta/pack-features.ts';

/** The intake body as the form holds it: dates as Dayjs, flags as the checked names. */
type Values = Omit<CreateComplaintBody, 'receivedAt' | 'incident' | 'flags'> & {
  receivedAt: Dayjs;
  incident?: { occurredAt?: Dayjs; place?: string };
  flags?: string[];
};

const blank = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

export function IntakeForm() {
  const { t, pick } = useI18n();
  const meta = useMeta();
  const labels = useLabels();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const idempotencyKey = useRef(randomId());
  const unitId = Form.useWatch('unitId', form);
  const phone = Form.useWatch(['customer', 'phone'], form);
  const title = Form.useWatch('title', form);

  const deliveries = countsDeliveries(meta.packs.get(meta.node(unitId)?.policyId ?? ''));
  const categories = useMemo(() => {
    const pack = meta.packs.get(meta.node(unitId)?.policyId ?? '');
    return pack ? categoryTreeData(pack.taxonomy, pick) : [];
  }, [unitId, meta, pick]);

  const required = { required: true, whitespace: true, message: t('common.required') };
  const notFuture = (_: unknown, v: Dayjs | undefined) =>
    v?.isAfter(dayjs()) ? Promise.reject(new Error(t('error.futureTime'))) : Promise.resolve();

  const onFinish = async (v: Values) => {
    const flags = Object.fromEntries((v.flags ?? []).map((f) => [f, true]));
    const body: CreateComplaintBody = {
      unitId: v.unitId,
      channel: v.channel,
      receivedAt: v.receivedAt.toISOString(),
      customer: { name: v.customer.name.trim(), phone: blank(v.customer.phone), email: blank(v.customer.email), type: v.customer.type },
      title: v.title.trim(),
      content: v.content.trim(),
      demands: blank(v.demands),
      categoryId: v.categoryId,
      complainantCount: v.complainantCount,
      incident:
        v.incident?.occurredAt || blank(v.incident?.place)
          ? { occurredAt: v.incident?.occurredAt?.toISOString(), place: blank(v.incident?.place) }
          : undefined,
      flags: Object.keys(flags).length ? flags : undefined,
      batchNo: blank(v.batchNo),
      deliveryRef: blank(v.deliveryRef),
      casesAffected: v.casesAffected ?? undefined,
    };
    setBusy(true);
    try {
      const created = await createComplaint(body, idempotencyKey.current);
      idempotencyKey.current = randomId();
      message.success(t('intake.created', { code: created.code }));
      navigate(`/complaints/${created.id}`);
    } catch (err) {
      report(err, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Row gutter={16}>
      <Col xs={24} lg={16}>
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          initialValues={{ channel: 'phone', receivedAt: dayjs(), complainantCount: 1 }}
          scrollToFirstError
          data-testid="intake-form"
        >
          <Card title={t('intake.sectionComplaint')} size="small" style={{ marginBottom: 12 }}>
            <Row gutter={12}>
              <Col xs={24} md={8}>
                <Form.Item name="unitId" label={t('field.unit')} rules={[required]}>
                  <Select
                    showSearch
                    optionFilterProp="label"
                    options={meta.units.map((u) => ({ value: u.id, label: u.name }))}
                    onChange={() => form.setFieldValue('categoryId', undefined)}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="channel" label={t('field.channel')} rules={[required]}>
                  <Select options={CHANNELS.map((c) => ({ value: c, label: labels.channel(c) }))} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item
                  name="receivedAt"
                  label={t('field.receivedAt')}
                  rules={[{ required: true, message: t('common.required') }, { validator: notFuture }]}
                  tooltip={t('field.receivedAtHelp')}
                >
                  <DatePicker
                    showTime={{ format: 'HH:mm' }}
                    format="YYYY-MM-DD HH:mm"
                    style={{ width: '100%' }}
                    disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                  />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="title" label={t('field.title')} rules={[required, { max: 200 }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="content" label={t('field.content')} rules={[required]}>
              <Input.TextArea rows={4} />
            </Form.Item>
            <Form.Item name="demands" label={t('field.demands')}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item name="categoryId" label={t('field.category')}>
              <TreeSelect
                allowClear
                showSearch
                treeNodeFilterProp="title"
                treeData={categories}
                placeholder={unitId ? undefined : t('intake.pickUnitFirst')}
                disabled={!unitId}
              />
            </Form.Item>
          </Card>
          <Card title={t('intake.sectionCustomer')} size="small" style={{ marginBottom: 12 }}>
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Form.Item name={['customer', 'name']} label={t('field.customerName')} rules={[required, { max: 100 }]}>
                  <Input autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name={['customer', 'type']} label={t('field.customerType')}>
                  <Select allowClear options={CUSTOMER_TYPES.map((c) => ({ value: c, label: labels.customerType(c) }))} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name={['customer', 'phone']}
                  label={t('field.customerPhone')}
                  rules={[{ pattern: PHONE_RE, message: t('error.badPhone') }]}
                >
                  <Input inputMode="tel" autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name={['customer', 'email']}
                  label={t('field.customerEmail')}
                  rules={[{ type: 'email', message: t('error.badEmail') }]}
                >
                  <Input inputMode="email" autoComplete="off" />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          <Card title={t('intake.sectionFacts')} size="small" style={{ marginBottom: 12 }}>
            <Row gutter={12}>
              <Col xs={24} md={8}>
                <Form.Item name="complainantCount" label={t('field.complainantCount')}>
                  <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name={['incident', 'occurredAt']} label={t('field.incidentAt')} rules={[{ validator: notFuture }]}>
                  <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="batchNo" label={t('field.batchNo')}>
                  <Input maxLength={64} />
                </Form.Item>
              </Col>
              {/* S0 food 10.1.1.1g: more than 20 cases is a batch, which decides who is responsible. */}
              <Col xs={24} md={8}>
                <Form.Item name="casesAffected" label={t('field.casesAffected')}>
                  <InputNumber min={0} max={1000000} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
            {deliveries && (
              <Form.Item name="deliveryRef" label={t('field.deliveryRef')}>
                <Input maxLength={64} />
              </Form.Item>
            )}
            <Form.Item name={['incident', 'place']} label={t('field.incidentPlace')}>
              <Input maxLength={500} />
            </Form.Item>
            <Form.Item name="flags" label={t('field.flags')}>
              <Checkbox.Group
                options={[
                  { value: 'media', label: t('field.flagMedia') },
                  { value: 'lawsuit', label: t('field.flagLawsuit') },
                  { value: 'safety', label: t('field.flagSafety') },
                ]}
              />
            </Form.Item>
          </Card>
          <Button type="primary" htmlType="submit" loading={busy} size="large">
            {t('intake.submit')}
          </Button>
        </Form>
      </Col>
      <Col xs={24} lg={8}>
        <CustomerHistory phone={phone} />
        <SimilarOpen title={title} unitId={unitId} />
      </Col>
    </Row>
  );
}

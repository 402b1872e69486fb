import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Select, Space } from 'antd';
import { useT } from '../../../i18n/i18n-context.tsx';
import { useAsync } from '../../../components/use-async.ts';
import { useErrorReporter } from '../../../components/use-error-reporter.ts';
import { CopyButton } from '../../../components/copy-button.tsx';
import { PHONE_RE } from '../../intake/api.ts';
import { portalUnits, submitComplaint, type Credentials, type SubmitBody } from '../api.ts';

const blank = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);

export function SubmitForm({ onTrack }: { onTrack: (c: Credentials) => void }) {
  const t = useT();
  const report = useErrorReporter();
  const [form] = Form.useForm<SubmitBody>();
  const units = useAsync(portalUnits, []);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Credentials | null>(null);
  const req = { required: true, whitespace: true, message: t('common.required') };

  const onFinish = async (v: SubmitBody) => {
    setBusy(true);
    try {
      const r = await submitComplaint({
        unitId: v.unitId,
        customer: { name: v.customer.name.trim(), phone: blank(v.customer.phone), email: blank(v.customer.email) },
        title: v.title.trim(),
        content: v.content.trim(),
        demands: blank(v.demands),
      });
      setDone(r);
    } catch (err) {
      report(err, form);
    } finally {
      setBusy(false);
    }
  };

  if (done)
    return (
      <Card title={t('portal.submitted')} data-testid="portal-submitted">
        <Alert type="warning" showIcon title={t('portal.keepSecret')} style={{ marginBottom: 12 }} />
        <Descriptions
          column={1}
          bordered
          layout="vertical"
          size="small"
          items={[
            {
              key: 'code',
              label: t('portal.code'),
              children: (
                <Space wrap>
                  <span className="secret-box" data-testid="portal-code">{done.code}</span>
                  <CopyButton text={done.code} label={t('portal.code')} />
                </Space>
              ),
            },
            {
              key: 'secret',
              label: t('portal.secret'),
              children: (
                <Space wrap>
                  <span className="secret-box" data-testid="portal-secret">{done.secret}</span>
                  <CopyButton text={done.secret} label={t('portal.secret')} />
                </Space>
              ),
            },
          ]}
        />
        <Button type="primary" block style={{ marginTop: 12 }} onClick={() => onTrack(done)}>
          {t('portal.trackNow')}
        </Button>
      </Card>
    );

  return (
    <Card>
      <p>{t('portal.intro')}</p>
      <Form<SubmitBody> form={form} layout="vertical" onFinish={onFinish} data-testid="portal-submit-form">
        <Form.Item name="unitId" label={t('portal.unit')} rules={[req]}>
          <Select loading={units.loading} options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))} showSearch optionFilterProp="label" />
        </Form.Item>
        <Form.Item name={['customer', 'name']} label={t('portal.name')} rules={[req, { max: 100 }]}>
          <Input autoComplete="name" />
        </Form.Item>
        <Form.Item
          name={['customer', 'phone']}
          label={t('portal.phone')}
          dependencies={[['customer', 'email']]}
          rules={[
            { pattern: PHONE_RE, message: t('error.badPhone') },
            ({ getFieldValue }) => ({
              validator: (_, v: string | undefined) =>
                !blank(v) && !blank(getFieldValue(['customer', 'email'])) ? Promise.reject(new Error(t('error.contactNeeded'))) : Promise.resolve(),
            }),
          ]}
        >
          <Input inputMode="tel" autoComplete="tel" />
        </Form.Item>
        <Form.Item name={['customer', 'email']} label={t('portal.email')} rules={[{ type: 'email', message: t('error.badEmail') }]}>
          <Input inputMode="email" autoComplete="email" />
        </Form.Item>
        <Form.Item name="title" label={t('portal.title')} rules={[req, { max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="content" label={t('portal.content')} rules={[req]}>
          <Input.TextArea rows={5} />
        </Form.Item>
        <Form.Item name="demands" label={t('portal.demands')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={busy}>
          {t('portal.submit')}
        </Button>
      </Form>
    </Card>
  );
}

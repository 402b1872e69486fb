import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Select, Space, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useT } from '../../../i18n/i18n-context.tsx';
import { useAsync } from '../../../components/use-async.ts';
import { useErrorReporter } from '../../../components/use-error-reporter.ts';
import { CopyButton } from '../../../components/copy-button.tsx';
import { PHONE_RE } from '../../intake/api.ts';
import { portalUnits, submitComplaint, uploadPortalFile, type Credentials, type SubmitBody } from '../api.ts';
import { ApiError } from '../../../api/client.ts';

const MAX_FILES = 6;
const MAX_BYTES = 10 * 1024 * 1024;

const blank = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);

export function SubmitForm({ onTrack }: { onTrack: (c: Credentials) => void }) {
  const t = useT();
  const report = useErrorReporter();
  const [form] = Form.useForm<SubmitBody>();
  const units = useAsync(portalUnits, []);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Credentials | null>(null);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [uploadNotes, setUploadNotes] = useState<{ ok: number; failed: string[] }>({ ok: 0, failed: [] });
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
      // The complaint is recorded first; photos follow with its code and secret, so a failed upload
      // never loses the complaint itself.
      let ok = 0;
      const failed: string[] = [];
      for (const f of files) {
        if (!f.originFileObj) continue;
        try {
          await uploadPortalFile(r, f.originFileObj);
          ok++;
        } catch (e) {
          failed.push(t('portal.photoFailed', { name: f.name, message: e instanceof ApiError ? e.message : String(e) }));
        }
      }
      setUploadNotes({ ok, failed });
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
        {uploadNotes.ok > 0 && (
          <Alert
            type="success"
            showIcon
            title={t('portal.photosUploaded', { count: uploadNotes.ok })}
            style={{ marginBottom: 12 }}
            data-testid="portal-photos-uploaded"
          />
        )}
        {uploadNotes.failed.map((m) => (
          <Alert key={m} type="error" showIcon title={m} style={{ marginBottom: 12 }} />
        ))}
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
                  <span className="secret-box" data-testid="portal-code">
                    {done.code}
                  </span>
                  <CopyButton text={done.code} label={t('portal.code')} />
                </Space>
              ),
            },
            {
              key: 'secret',
              label: t('portal.secret'),
              children: (
                <Space wrap>
                  <span className="secret-box" data-testid="portal-secret">
                    {done.secret}
                  </span>
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
          <Select
            loading={units.loading}
            options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
            showSearch
            optionFilterProp="label"
          />
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
                !blank(v) && !blank(getFieldValue(['customer', 'email']))
                  ? Promise.reject(new Error(t('error.contactNeeded')))
                  : Promise.resolve(),
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
        <Form.Item label={t('portal.photos')} extra={t('portal.photosHint')}>
          <Upload
            multiple
            accept="image/jpeg,image/png,image/webp,image/gif,application/pdf"
            listType="picture"
            fileList={files}
            maxCount={MAX_FILES}
            beforeUpload={() => false}
            onChange={({ fileList }) => setFiles(fileList.filter((f) => (f.size ?? 0) <= MAX_BYTES).slice(0, MAX_FILES))}
          >
            <Button icon={<UploadOutlined />} data-testid="portal-photos">
              {t('portal.photosAdd')}
            </Button>
          </Upload>
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={busy}>
          {t('portal.submit')}
        </Button>
      </Form>
    </Card>
  );
}

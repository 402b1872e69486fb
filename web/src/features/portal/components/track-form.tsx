import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useT } from '../../../i18n/i18n-context.tsx';
import { ApiError } from '../../../api/client.ts';
import { describeError } from '../../../components/use-error-reporter.ts';
import { track, type Credentials, type Tracked } from '../api.ts';
import { TrackResult } from './track-result.tsx';

/** Code + secret → the complaint's public view. Given credentials (just submitted) are looked up at once. */
export function TrackPanel({ initial }: { initial: Partial<Credentials> }) {
  const t = useT();
  const [form] = Form.useForm<Credentials>();
  const [creds, setCreds] = useState<Credentials | null>(null);
  const [data, setData] = useState<Tracked | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const lookup = async (c: Credentials) => {
    setBusy(true);
    setError(null);
    try {
      const clean = { code: c.code.trim(), secret: c.secret.trim() };
      setData(await track(clean));
      setCreds(clean);
    } catch (err) {
      setData(null);
      setError(err instanceof ApiError && err.status === 404 ? t('portal.notFound') : describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs only when new credentials arrive, not when `lookup` is re-created
  useEffect(() => {
    form.setFieldsValue({ code: initial.code ?? '', secret: initial.secret ?? '' });
    if (initial.code && initial.secret) void lookup({ code: initial.code, secret: initial.secret });
  }, [initial.code, initial.secret]);

  return (
    <>
      <Card>
        <Form<Credentials> form={form} layout="vertical" onFinish={(v) => void lookup(v)} data-testid="portal-track-form">
          <Form.Item name="code" label={t('portal.code')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="secret" label={t('portal.secret')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input.Password autoComplete="off" />
          </Form.Item>
          {error && <Alert type="error" title={error} style={{ marginBottom: 12 }} role="alert" />}
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('portal.track')}
          </Button>
        </Form>
      </Card>
      {data && creds && <TrackResult creds={creds} data={data} onChange={setData} />}
    </>
  );
}

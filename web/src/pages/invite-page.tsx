/**
 * Issue #16 item 3: the public page of a one-time link (/invite#token=…[&reset=1]). The secret is in the
 * fragment, which the browser never sends to the server, so it stays out of logs; the page posts it with
 * the password chosen twice, and the server sets the password and starts a cookie session.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useT } from '../i18n/i18n-context.tsx';
import { LanguageSwitch } from '../i18n/language-switch.tsx';
import { ApiError } from '../api/client.ts';
import { describeError } from '../components/use-error-reporter.ts';
import { acceptLink } from '../features/users/api.ts';

interface Values {
  password: string;
  confirm: string;
}

export default function InvitePage() {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const { token, reset } = useMemo(() => {
    const params = new URLSearchParams(window.location.hash.slice(1));
    return { token: params.get('token') ?? '', reset: params.get('reset') === '1' };
  }, []);
  const [error, setError] = useState<string | null>(token ? null : t('invite.noToken'));
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await acceptLink(token, v.password);
      setDone(true);
      // Drop the used secret from the address bar and history, then open the console with the new session.
      window.history.replaceState(null, '', '/invite');
      window.location.assign('/');
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && err.field === 'password')
        form.setFields([{ name: 'password', errors: [err.message.replace(/^password: /, '')] }]);
      else setError(err instanceof ApiError && err.status === 404 ? t('invite.gone') : describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login-wrap">
      <Card title={t(reset ? 'invite.titleReset' : 'invite.title')} className="login-card" extra={<LanguageSwitch />}>
        <Typography.Paragraph type="secondary">{t(reset ? 'invite.introReset' : 'invite.intro')}</Typography.Paragraph>
        <Form<Values> form={form} layout="vertical" onFinish={onFinish} requiredMark={false} disabled={!token || done}>
          <Form.Item
            name="password"
            label={t('invite.password')}
            extra={t('users.passwordHelp')}
            rules={[
              { required: true, message: t('common.required') },
              { min: 10, message: t('users.passwordHelp') },
            ]}
          >
            <Input.Password autoComplete="new-password" autoFocus data-testid="invite-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('invite.confirm')}
            dependencies={['password']}
            rules={[
              { required: true, message: t('common.required') },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('invite.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="invite-confirm" />
          </Form.Item>
          {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} role="alert" />}
          {done && <Alert type="success" title={t('invite.done')} showIcon style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="invite-submit">
            {t('invite.submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}

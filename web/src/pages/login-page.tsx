import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Space } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { useT } from '../i18n/i18n-context.tsx';
import { LanguageSwitch } from '../i18n/language-switch.tsx';
import { useAuth } from '../features/meta/auth-context.tsx';
import { ApiError } from '../api/client.ts';
import { describeError } from '../components/use-error-reporter.ts';
import { prefetchConsoleData, preloadConsole } from '../console-routes.ts';

interface Values {
  email: string;
  password: string;
}

export function LoginPage({ from }: { from: string }) {
  const t = useT();
  const { login } = useAuth();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onFinish = async (v: Values) => {
    // The sign-in request goes out first: the browser opens six connections to a server, and the console's
    // code, asked for next, would take them all and hold the sign-in behind ~20 downloads on a slow link.
    // The code then comes down while the server checks the password, not after (#20).
    const signingIn = login(v.email.trim(), v.password, () => prefetchConsoleData(from));
    preloadConsole();
    setBusy(true);
    setError(null);
    try {
      await signingIn;
      navigate(from || '/', { replace: true });
    } catch (err) {
      setError(err instanceof ApiError && (err.status === 401 || err.status === 400) ? t('login.failed') : describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login-wrap">
      <Card title={t('login.title')} className="login-card" extra={<LanguageSwitch />}>
        <Form<Values> layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item
            name="email"
            label={t('login.email')}
            rules={[
              { required: true, message: t('common.required') },
              { type: 'email', message: t('error.badEmail') },
            ]}
          >
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('common.required') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} role="alert" />}
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t('login.submit')}
            </Button>
            <Link to="/portal">{t('login.portalLink')}</Link>
          </Space>
        </Form>
      </Card>
    </main>
  );
}

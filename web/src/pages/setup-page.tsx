/**
 * The first run (issue #16 item 1): shown instead of the login page while no organisation exists. It
 * asks for the organisation, its first company and pack, optionally a first unit, and — unless an
 * administrator exists from PLAINT_ADMIN_EMAIL (then logged in already) — the first administrator, who
 * is logged in by the server's answer.
 */
import { useState } from 'react';
import { Alert, Button, Card, Divider, Form, Input, Select, Typography } from 'antd';
import { useT, useI18n } from '../i18n/i18n-context.tsx';
import { LanguageSwitch } from '../i18n/language-switch.tsx';
import { useAuth } from '../features/meta/auth-context.tsx';
import { describeError } from '../components/use-error-reporter.ts';
import { runSetup, type SetupStatus } from '../features/setup/api.ts';

interface Values {
  organisation: string;
  company: string;
  policyId: string;
  unit?: string;
  email?: string;
  name?: string;
  password?: string;
}

export default function SetupPage({ status, onDone }: { status: SetupStatus; onDone: () => void }) {
  const t = useT();
  const { pick } = useI18n();
  const { user, refresh } = useAuth();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await runSetup({
        organisation: { name: v.organisation.trim() },
        company: { name: v.company.trim(), policyId: v.policyId },
        ...(v.unit?.trim() ? { unit: { name: v.unit.trim() } } : {}),
        ...(status.adminExists ? {} : { admin: { email: v.email!.trim(), name: v.name!.trim(), password: v.password! } }),
      });
      await refresh();
      onDone();
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  return (
    <main className="login-wrap">
      <Card title={t('setup.title')} className="login-card setup-card" extra={<LanguageSwitch />} style={{ maxWidth: 560 }}>
        <Typography.Paragraph type="secondary">
          {status.adminExists ? t('setup.introEnvAdmin', { email: user?.email ?? '' }) : t('setup.intro')}
        </Typography.Paragraph>
        <Form<Values> layout="vertical" onFinish={onFinish} requiredMark={false} data-testid="setup-form">
          <Form.Item name="organisation" label={t('setup.organisation')} rules={required}>
            <Input autoFocus />
          </Form.Item>
          <Form.Item name="company" label={t('setup.company')} rules={required}>
            <Input />
          </Form.Item>
          <Form.Item name="policyId" label={t('setup.pack')} rules={[{ required: true, message: t('common.required') }]}>
            <Select
              data-testid="setup-pack"
              options={status.packs.map((p) => ({ value: p.id, label: `${pick(p.nameZh, p.name)} (${p.id})` }))}
            />
          </Form.Item>
          <Form.Item name="unit" label={t('setup.unit')} extra={t('setup.unitHelp')}>
            <Input />
          </Form.Item>
          {!status.adminExists && (
            <>
              <Divider>{t('setup.admin')}</Divider>
              <Form.Item name="email" label={t('setup.adminEmail')} rules={[...required, { type: 'email', message: t('error.badEmail') }]}>
                <Input autoComplete="username" />
              </Form.Item>
              <Form.Item name="name" label={t('setup.adminName')} rules={required}>
                <Input />
              </Form.Item>
              <Form.Item
                name="password"
                label={t('setup.adminPassword')}
                extra={t('setup.passwordHelp')}
                rules={[{ required: true, min: 10, message: t('setup.passwordHelp') }]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </>
          )}
          {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} role="alert" />}
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="setup-submit">
            {t('setup.submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}

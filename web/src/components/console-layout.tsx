import type { ReactNode } from 'react';
import { Button, Layout, Space, Typography } from 'antd';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useT } from '../i18n/i18n-context.tsx';
import { LanguageSwitch } from '../i18n/language-switch.tsx';
import { useAuth } from '../features/meta/auth-context.tsx';
import { InboxBell } from '../features/inbox/inbox-bell.tsx';
import { ConsoleNav } from './console-nav.tsx';

const ITEMS: readonly {
  path: string;
  key:
    | 'nav.queue'
    | 'nav.intake'
    | 'nav.dashboard'
    | 'nav.calendar'
    | 'nav.reports'
    | 'nav.cases'
    | 'nav.imports'
    | 'nav.exportLog'
    | 'nav.channels'
    | 'nav.outbox'
    | 'nav.mailIntake'
    | 'nav.users'
    | 'nav.policy'
    | 'nav.org';
  needs?: string;
}[] = [
  { path: '/', key: 'nav.queue' },
  { path: '/intake', key: 'nav.intake' },
  { path: '/dashboard', key: 'nav.dashboard' },
  { path: '/calendar', key: 'nav.calendar' },
  { path: '/reports', key: 'nav.reports', needs: 'report.read' },
  { path: '/cases', key: 'nav.cases' },
  { path: '/imports', key: 'nav.imports', needs: 'complaint.import' },
  { path: '/export-log', key: 'nav.exportLog', needs: 'exportlog.read' },
  { path: '/settings/channels', key: 'nav.channels', needs: 'channels.manage' },
  { path: '/settings/outbox', key: 'nav.outbox', needs: 'channels.manage' },
  { path: '/settings/mail-intake', key: 'nav.mailIntake', needs: 'mailboxes.manage' },
  { path: '/settings/users', key: 'nav.users', needs: 'users.manage' },
  { path: '/settings/policy', key: 'nav.policy', needs: 'policy.tune' },
  { path: '/org', key: 'nav.org', needs: 'org.manage' },
];

export function ConsoleLayout({ children }: { children: ReactNode }) {
  const t = useT();
  const { user, logout, can } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  // After logging out, the login page leads back to the queue rather than to the page just left.
  const onLogout = async () => {
    navigate('/', { replace: true });
    await logout();
  };
  const selected =
    ITEMS.find((i) => i.path !== '/' && location.pathname.startsWith(i.path))?.path ?? (location.pathname === '/' ? '/' : '');
  return (
    <Layout className="console">
      <Layout.Header className="console-header">
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <ConsoleNav
          label={t('nav.menu')}
          selected={selected}
          items={ITEMS.filter((i) => !i.needs || can(i.needs)).map((i) => ({ path: i.path, label: t(i.key) }))}
        />
        <Space className="console-user" wrap>
          <InboxBell />
          <LanguageSwitch />
          <Typography.Text className="user-name">{user?.name}</Typography.Text>
          <Button size="small" onClick={() => void onLogout()} data-testid="logout">
            {t('nav.logout')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content className="console-content">{children}</Layout.Content>
    </Layout>
  );
}

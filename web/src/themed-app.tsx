/**
 * antd configuration follows the chosen language; routes split the public portal from the console.
 * What loads first (#20): this entry holds only what the login form needs (auth, i18n, the login page).
 * The portal and the signed-in console (console-shell.tsx, with its pages and charts) are chunks of their own.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enUSLocale from 'antd/locale/en_US';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useI18n } from './i18n/i18n-context.tsx';
import { AuthProvider, useAuth } from './features/meta/auth-context.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { PageLoading } from './components/page-loading.tsx';
import { loadConsoleShell } from './console-routes.ts';
import { getSetupStatus, type SetupStatus } from './features/setup/api.ts';

const PortalPage = lazy(() => import('./pages/portal-page.tsx'));
const InvitePage = lazy(() => import('./pages/invite-page.tsx'));
const ConsoleShell = lazy(loadConsoleShell);
const SetupPage = lazy(() => import('./pages/setup-page.tsx'));

/**
 * Issue #16 item 1: while no organisation exists the console opens the setup page instead of the login
 * (or, when an administrator exists from PLAINT_ADMIN_EMAIL, after that administrator's login). Once
 * set up, /setup leads to the console.
 */
function useSetupStatus(): { status: SetupStatus | null; justDone: boolean; done: () => void } {
  const [status, setStatus] = useState<SetupStatus | null>(null);
  const [justDone, setJustDone] = useState(false);
  useEffect(() => {
    let live = true;
    getSetupStatus().then(
      (s) => live && setStatus(s),
      () => live && setStatus({ needed: false, adminExists: true, packs: [] }),
    );
    return () => {
      live = false;
    };
  }, []);
  const done = () => {
    setStatus({ needed: false, adminExists: true, packs: [] });
    setJustDone(true);
  };
  return { status, justDone, done };
}

function Console() {
  const { user, checking } = useAuth();
  const location = useLocation();
  const setup = useSetupStatus();
  if (checking || !setup.status) return <Spin fullscreen />;
  const installationAdmin = user?.role === 'admin' && user.orgNodeId === null;
  if (setup.status.needed && (!setup.status.adminExists || installationAdmin)) {
    if (location.pathname !== '/setup') return <Navigate to="/setup" replace />;
    return (
      <Suspense fallback={<PageLoading />}>
        <SetupPage status={setup.status} onDone={setup.done} />
      </Suspense>
    );
  }
  // Once set up, the page is gone; right after it, the administrator goes on to build the tree.
  if (location.pathname === '/setup') return <Navigate to={setup.justDone ? '/org' : '/'} replace />;
  if (!user) return <LoginPage from={location.pathname + location.search} />;
  return (
    <Suspense fallback={<PageLoading />}>
      <ConsoleShell />
    </Suspense>
  );
}

/**
 * A person who asked their system for less motion gets none: Ant Design's CSS honours the media query for some
 * transitions, but its components' enter/leave motions are driven from script and stop only for `motion: false`.
 */
function usePrefersReducedMotion(): boolean {
  const query = '(prefers-reduced-motion: reduce)';
  const [reduced, setReduced] = useState(() => window.matchMedia?.(query).matches ?? false);
  useEffect(() => {
    const list = window.matchMedia?.(query);
    if (!list) return;
    const onChange = () => setReduced(list.matches);
    list.addEventListener('change', onChange);
    return () => list.removeEventListener('change', onChange);
  }, []);
  return reduced;
}

export function ThemedApp() {
  const { lang } = useI18n();
  const reducedMotion = usePrefersReducedMotion();
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  return (
    <ConfigProvider
      locale={lang === 'zh-CN' ? zhCNLocale : enUSLocale}
      theme={{ token: { colorPrimary: '#1f5fbf', motion: !reducedMotion } }}
    >
      <AntApp>
        <Routes>
          <Route
            path="/portal/*"
            element={
              <Suspense fallback={<PageLoading />}>
                <PortalPage />
              </Suspense>
            }
          />
          <Route
            path="/invite"
            element={
              <Suspense fallback={<PageLoading />}>
                <InvitePage />
              </Suspense>
            }
          />
          <Route
            path="/*"
            element={
              <AuthProvider>
                <Console />
              </AuthProvider>
            }
          />
        </Routes>
      </AntApp>
    </ConfigProvider>
  );
}

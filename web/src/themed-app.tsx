/**
 * antd configuration follows the chosen language; routes split the public portal from the console.
 * What loads first (#20): this entry holds only what the login form needs (auth, i18n, the login page).
 * The portal and the signed-in console (console-shell.tsx, with its pages and charts) are chunks of their own.
 */
import { lazy, Suspense, useEffect } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enUSLocale from 'antd/locale/en_US';
import { Route, Routes, useLocation } from 'react-router-dom';
import { useI18n } from './i18n/i18n-context.tsx';
import { AuthProvider, useAuth } from './features/meta/auth-context.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { PageLoading } from './components/page-loading.tsx';
import { loadConsoleShell } from './console-routes.ts';

const PortalPage = lazy(() => import('./pages/portal-page.tsx'));
const InvitePage = lazy(() => import('./pages/invite-page.tsx'));
const ConsoleShell = lazy(loadConsoleShell);

function Console() {
  const { user, checking } = useAuth();
  const location = useLocation();
  if (checking) return <Spin fullscreen />;
  if (!user) return <LoginPage from={location.pathname + location.search} />;
  return (
    <Suspense fallback={<PageLoading />}>
      <ConsoleShell />
    </Suspense>
  );
}

export function ThemedApp() {
  const { lang } = useI18n();
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  return (
    <ConfigProvider locale={lang === 'zh-CN' ? zhCNLocale : enUSLocale} theme={{ token: { colorPrimary: '#1f5fbf' } }}>
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

/** antd configuration follows the chosen language; routes split the public portal from the console. */
import { lazy, Suspense, useEffect } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enUSLocale from 'antd/locale/en_US';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useI18n } from './i18n/i18n-context.tsx';
import { AuthProvider, useAuth } from './features/meta/auth-context.tsx';
import { MetaProvider } from './features/meta/meta-context.tsx';
import { ConsoleLayout } from './components/console-layout.tsx';
import { LoginPage } from './pages/login-page.tsx';

const PortalPage = lazy(() => import('./pages/portal-page.tsx'));
const QueuePage = lazy(() => import('./pages/queue-page.tsx'));
const IntakePage = lazy(() => import('./pages/intake-page.tsx'));
const ComplaintPage = lazy(() => import('./pages/complaint-page.tsx'));
const DashboardPage = lazy(() => import('./pages/dashboard-page.tsx'));
const CalendarPage = lazy(() => import('./pages/calendar-page.tsx'));
const ReportsPage = lazy(() => import('./pages/reports-page.tsx'));
const CasesPage = lazy(() => import('./pages/cases-page.tsx'));
const ImportsPage = lazy(() => import('./pages/imports-page.tsx'));
const ExportLogPage = lazy(() => import('./pages/export-log-page.tsx'));

/** Lazy pages load in a moment; a small spinner in place avoids a dark full-screen flash. */
function PageLoading() {
  return (
    <div className="page-loading">
      <Spin />
    </div>
  );
}

function Console() {
  const { user, checking } = useAuth();
  const location = useLocation();
  if (checking) return <Spin fullscreen />;
  if (!user) return <LoginPage from={location.pathname + location.search} />;
  return (
    <MetaProvider>
      <ConsoleLayout>
        <Suspense fallback={<PageLoading />}>
          <Routes>
            <Route path="/" element={<QueuePage />} />
            <Route path="/intake" element={<IntakePage />} />
            <Route path="/complaints/:id" element={<ComplaintPage />} />
            <Route path="/dashboard" element={<DashboardPage />} />
            <Route path="/calendar" element={<CalendarPage />} />
            <Route path="/reports" element={<ReportsPage />} />
            <Route path="/cases" element={<CasesPage />} />
            <Route path="/cases/:caseId" element={<CasesPage />} />
            <Route path="/imports" element={<ImportsPage />} />
            <Route path="/export-log" element={<ExportLogPage />} />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
        </Suspense>
      </ConsoleLayout>
    </MetaProvider>
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

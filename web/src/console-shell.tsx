/**
 * The signed-in console: reference data, the menu and every page, each page its own chunk loaded when
 * opened (#20). This whole module is a chunk of its own, so the login page and the portal never load it.
 */
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { MetaProvider } from './features/meta/meta-context.tsx';
import { ConsoleLayout } from './components/console-layout.tsx';
import { PageLoading } from './components/page-loading.tsx';
import { loadQueuePage } from './console-routes.ts';

const QueuePage = lazy(loadQueuePage);
const IntakePage = lazy(() => import('./pages/intake-page.tsx'));
const ComplaintPage = lazy(() => import('./pages/complaint-page.tsx'));
const DashboardPage = lazy(() => import('./pages/dashboard-page.tsx'));
const CalendarPage = lazy(() => import('./pages/calendar-page.tsx'));
const ReportsPage = lazy(() => import('./pages/reports-page.tsx'));
const CasesPage = lazy(() => import('./pages/cases-page.tsx'));
const ImportsPage = lazy(() => import('./pages/imports-page.tsx'));
const ExportLogPage = lazy(() => import('./pages/export-log-page.tsx'));
const ChannelsPage = lazy(() => import('./pages/channels-page.tsx'));
const PolicyPage = lazy(() => import('./pages/policy-page.tsx'));
const OutboxPage = lazy(() => import('./pages/outbox-page.tsx'));
const InboxPage = lazy(() => import('./pages/inbox-page.tsx'));
const MailIntakePage = lazy(() => import('./pages/mail-intake-page.tsx'));
const UsersPage = lazy(() => import('./pages/users-page.tsx'));
const OrgPage = lazy(() => import('./pages/org-page.tsx'));

export default function ConsoleShell() {
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
            <Route path="/settings/channels" element={<ChannelsPage />} />
            <Route path="/settings/policy" element={<PolicyPage />} />
            <Route path="/settings/outbox" element={<OutboxPage />} />
            <Route path="/settings/mail-intake" element={<MailIntakePage />} />
            <Route path="/settings/users" element={<UsersPage />} />
            <Route path="/inbox" element={<InboxPage />} />
            <Route path="/org" element={<OrgPage />} />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
        </Suspense>
      </ConsoleLayout>
    </MetaProvider>
  );
}

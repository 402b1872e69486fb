/**
 * The console's routes (index.html). What loads first (#20): this entry holds only what the login form needs
 * (auth, i18n, the login page), and no Ant Design; the signed-in console (console-shell.tsx, with its pages and
 * charts) is a chunk of its own, and so is every page drawn with Ant Design, which arrives with its theme
 * (`themed` below). The portal is an entry of its own (portal.html, portal-main.tsx) so that a customer's phone
 * loads its form with its first request; the route below serves it when the console links to it.
 */
import { lazy, Suspense, useEffect, useState, type ComponentType } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { AuthProvider, useAuth } from './features/meta/auth-context.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { PageLoading } from './components/page-loading.tsx';
import { loadConsoleShell, loadThemeShell } from './console-routes.ts';
import { getSetupStatus, type SetupStatus } from './features/setup/api.ts';

/** A page drawn with Ant Design, loaded when first shown, together with Ant Design's theme it sits in. */
function themed<P extends object>(load: () => Promise<{ default: ComponentType<P> }>) {
  return lazy(async () => {
    const [{ ThemeShell }, { default: Page }] = await Promise.all([loadThemeShell(), load()]);
    return {
      default: (props: P) => (
        <ThemeShell>
          <Page {...props} />
        </ThemeShell>
      ),
    };
  });
}

// The portal's first screen loads no Ant Design; its tracking tab brings the theme with it (portal-page.tsx).
const PortalPage = lazy(() => import('./pages/portal-page.tsx'));
const InvitePage = themed(() => import('./pages/invite-page.tsx'));
const ConsoleShell = themed(loadConsoleShell);
const SetupPage = themed(() => import('./pages/setup-page.tsx'));

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
  if (checking || !setup.status) return <PageLoading fullscreen />;
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

export function AppRoutes() {
  return (
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
  );
}

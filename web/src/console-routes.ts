/**
 * Where the console's code is fetched from, kept apart so the login page can fetch it without drawing it
 * (#20): once the login form is shown and the browser idle, and again (at no cost when already here) when
 * the user signs in, so the sign-in request, the console's shell and the queue page travel together instead
 * of one after the other.
 */
import { prefetch } from './api/client.ts';
import { filtersFromSearch, listComplaints } from './features/queue/api.ts';
export const loadConsoleShell = () => import('./console-shell.tsx');
/** Ant Design's theme: the login page is drawn without it, everything after sign-in inside it. */
export const loadThemeShell = () => import('./theme-shell.tsx');
export const loadQueuePage = () => import('./pages/queue-page.tsx');

/** Fire and forget: a failure here shows up again, and is reported, when React asks for the same module. */
export function preloadConsole(): void {
  void loadThemeShell().catch(() => {});
  void loadConsoleShell().catch(() => {});
  void loadQueuePage().catch(() => {});
}

/**
 * Once signed in (the session cookie set), the data the first console page needs is asked for at once, in
 * parallel with the console's code: the reference data MetaProvider reads (units, every policy pack) and,
 * when the queue is where the user goes, its first page. MetaProvider and the queue take these answers.
 */
export function prefetchConsoleData(target: string): void {
  void prefetch('/units');
  void prefetch('/policy-packs');
  const url = new URL(target || '/', window.location.origin);
  if (url.pathname === '/') void listComplaintsAhead(url.search);
}

function listComplaintsAhead(search: string): Promise<unknown> {
  // The same query the queue page will send for these filters, so it takes this answer.
  return listComplaints(filtersFromSearch(new URLSearchParams(search)), null, 25, prefetch).catch(() => {});
}

/**
 * Where the console's code is fetched from, kept apart so the login page can start fetching it the moment
 * the user signs in (#20): then the sign-in request, the console's shell and the queue page travel
 * together instead of one after the other. Nothing here is loaded before the user submits the form.
 */
export const loadConsoleShell = () => import('./console-shell.tsx');
export const loadQueuePage = () => import('./pages/queue-page.tsx');

/** Fire and forget: a failure here shows up again, and is reported, when React asks for the same module. */
export function preloadConsole(): void {
  void loadConsoleShell().catch(() => {});
  void loadQueuePage().catch(() => {});
}

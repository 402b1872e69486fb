/**
 * Starts one of the web app's two pages (main.tsx for the console, portal-main.tsx for the portal) inside what
 * both share: the language and the router. Not Ant Design's theme (theme-shell.tsx): the console's login page
 * is drawn without Ant Design (#20), so the theme wraps each part that uses it (app-routes.tsx, portal-main.tsx).
 */
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { I18nProvider } from './i18n/i18n-context.tsx';
import './styles.css';

export function mountPage(routes: ReactNode): void {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nProvider>
        <BrowserRouter>{routes}</BrowserRouter>
      </I18nProvider>
    </StrictMode>,
  );
}

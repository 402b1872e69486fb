/**
 * Starts one of the web app's two pages (main.tsx for the console, portal-main.tsx for the portal) inside what
 * both share: the language, the router and the theme.
 */
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { I18nProvider } from './i18n/i18n-context.tsx';
import { ThemeShell } from './theme-shell.tsx';
import './styles.css';

export function mountPage(routes: ReactNode): void {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nProvider>
        <BrowserRouter>
          <ThemeShell>{routes}</ThemeShell>
        </BrowserRouter>
      </I18nProvider>
    </StrictMode>,
  );
}

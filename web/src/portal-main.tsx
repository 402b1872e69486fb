/**
 * The customer portal's own entry (portal.html, served for /portal, #20): customers open it on phones over
 * mobile networks, and the page, its form and their code are named in the HTML itself, so they download at
 * once beside React and Ant Design instead of after the console's entry has run and asked for them.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { I18nProvider } from './i18n/i18n-context.tsx';
import { ThemeShell } from './theme-shell.tsx';
import PortalPage from './pages/portal-page.tsx';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <BrowserRouter>
        <ThemeShell>
          <Routes>
            <Route path="/portal/*" element={<PortalPage />} />
          </Routes>
        </ThemeShell>
      </BrowserRouter>
    </I18nProvider>
  </StrictMode>,
);

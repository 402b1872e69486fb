import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { I18nProvider } from './i18n/i18n-context.tsx';
import { ThemedApp } from './themed-app.tsx';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <BrowserRouter>
        <ThemedApp />
      </BrowserRouter>
    </I18nProvider>
  </StrictMode>,
);

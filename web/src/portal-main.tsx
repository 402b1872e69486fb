/**
 * The customer portal's own entry (portal.html, served for /portal, #20): customers open it on phones over
 * mobile networks, and the page, its form and their code are named in the HTML itself, so they download at
 * once beside React instead of after the console's entry has run and asked for them. The first screen loads no
 * Ant Design (pages/portal-page.tsx).
 */
import { Route, Routes } from 'react-router-dom';
import PortalPage from './pages/portal-page.tsx';
import { mountPage } from './mount-page.tsx';

mountPage(
  <Routes>
    <Route path="/portal/*" element={<PortalPage />} />
  </Routes>,
);

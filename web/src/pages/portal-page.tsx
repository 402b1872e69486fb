/** The customer portal: phone-first, no login, the same language switch as the console. */
import { lazy, Suspense, useState } from 'react';
import { Tabs } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { useT } from '../i18n/i18n-context.tsx';
import { LanguageSwitch } from '../i18n/language-switch.tsx';
import { SubmitForm } from '../features/portal/components/submit-form.tsx';
import { PageLoading } from '../components/page-loading.tsx';
import type { Credentials } from '../features/portal/api.ts';

// Tracking (steps, timeline, rating) is the second tab: its code loads when it is opened, not with the form (#20).
const TrackPanel = lazy(() => import('../features/portal/components/track-form.tsx').then((m) => ({ default: m.TrackPanel })));

export default function PortalPage() {
  const t = useT();
  const [params] = useSearchParams();
  // A link may carry the code, and a message to the customer also the secret in the fragment (#secret=…,
  // which the browser never sends to a server); opening it only shows the complaint, it never records anything.
  const secret = new URLSearchParams(window.location.hash.replace(/^#/, '')).get('secret') ?? undefined;
  const [tab, setTab] = useState(params.get('code') ? 'track' : 'submit');
  const [creds, setCreds] = useState<Partial<Credentials>>({ code: params.get('code') ?? undefined, secret });

  return (
    <div className="portal">
      <header className="portal-header">
        <h1>{t('app.portalName')}</h1>
        <LanguageSwitch />
      </header>
      <main className="portal-main">
        <Tabs
          activeKey={tab}
          onChange={setTab}
          centered
          items={[
            {
              key: 'submit',
              label: t('portal.tabSubmit'),
              children: (
                <SubmitForm
                  onTrack={(c) => {
                    setCreds(c);
                    setTab('track');
                  }}
                />
              ),
            },
            {
              key: 'track',
              label: t('portal.tabTrack'),
              children: (
                <Suspense fallback={<PageLoading />}>
                  <TrackPanel initial={creds} />
                </Suspense>
              ),
            },
          ]}
        />
      </main>
      <footer className="portal-footer">
        {/* The console is the other entry (index.html): a page load, not a route of this one. */}
        <Link to="/" reloadDocument>
          {t('portal.consoleLink')}
        </Link>
      </footer>
    </div>
  );
}

/**
 * The customer portal: phone-first, no login, the same language switch as the console. Its first screen (the
 * tabs and the complaint form) is drawn in plain elements and loads no Ant Design (#20); the tracking tab
 * brings Ant Design with it when opened (track-tab-loader.ts).
 */
import { lazy, Suspense, useId, useState, type KeyboardEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useT } from '../i18n/i18n-context.tsx';
import { LanguageSwitch } from '../i18n/language-switch.tsx';
import { SubmitForm } from '../features/portal/components/submit-form.tsx';
import { loadTrackTab } from '../features/portal/components/track-tab-loader.ts';
import { PageLoading } from '../components/page-loading.tsx';
import type { Credentials } from '../features/portal/api.ts';

const TrackTab = lazy(loadTrackTab);

type Tab = 'submit' | 'track';
const TABS: Tab[] = ['submit', 'track'];

export default function PortalPage() {
  const t = useT();
  const id = useId();
  const [params] = useSearchParams();
  // A link may carry the code, and a message to the customer also the secret in the fragment (#secret=…,
  // which the browser never sends to a server); opening it only shows the complaint, it never records anything.
  const secret = new URLSearchParams(window.location.hash.replace(/^#/, '')).get('secret') ?? undefined;
  const [tab, setTab] = useState<Tab>(params.get('code') ? 'track' : 'submit');
  // A tab once opened stays drawn while hidden, as Ant Design's Tabs kept it: what was typed is not lost.
  const [opened, setOpened] = useState<Set<Tab>>(() => new Set([tab]));
  const [creds, setCreds] = useState<Partial<Credentials>>({ code: params.get('code') ?? undefined, secret });
  const label: Record<Tab, string> = { submit: t('portal.tabSubmit'), track: t('portal.tabTrack') };

  const open = (next: Tab) => {
    setTab(next);
    setOpened((was) => (was.has(next) ? was : new Set([...was, next])));
  };
  // The tab list's keys (WAI-ARIA's tabs pattern): arrows move between the tabs, and the focus with them.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = TABS[(TABS.indexOf(tab) + step + TABS.length) % TABS.length];
    open(next);
    document.getElementById(`${id}-tab-${next}`)?.focus();
  };

  return (
    <div className="portal">
      <header className="portal-header">
        <h1>{t('app.portalName')}</h1>
        <LanguageSwitch />
      </header>
      <main className="portal-main">
        <div className="portal-tabs" role="tablist" onKeyDown={onKeyDown}>
          {TABS.map((k) => (
            <button
              key={k}
              id={`${id}-tab-${k}`}
              type="button"
              role="tab"
              className="portal-tab"
              aria-selected={tab === k}
              aria-controls={`${id}-panel-${k}`}
              tabIndex={tab === k ? 0 : -1}
              onClick={() => open(k)}
            >
              {label[k]}
            </button>
          ))}
        </div>
        {opened.has('submit') && (
          <div id={`${id}-panel-submit`} role="tabpanel" aria-labelledby={`${id}-tab-submit`} hidden={tab !== 'submit'}>
            <SubmitForm
              onTrack={(c) => {
                setCreds(c);
                open('track');
              }}
            />
          </div>
        )}
        {opened.has('track') && (
          <div id={`${id}-panel-track`} role="tabpanel" aria-labelledby={`${id}-tab-track`} hidden={tab !== 'track'}>
            <Suspense fallback={<PageLoading />}>
              <TrackTab initial={creds} />
            </Suspense>
          </div>
        )}
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

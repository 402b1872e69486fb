/**
 * What the customer sees once the complaint is recorded: its tracking code and the secret, shown this once
 * (R-IN-5), each with a copy button, what became of the attached files, and the way on to tracking. Plain
 * elements like the form it replaces (#20).
 */
import { useEffect } from 'react';
import { useT } from '../../../i18n/i18n-context.tsx';
import { PlainCopyButton } from '../../../components/plain-copy-button.tsx';
import type { Credentials } from '../api.ts';
import { loadTrackTab } from './track-tab-loader.ts';

export interface UploadNotes {
  ok: number;
  failed: string[];
}

export function Submitted({ creds, uploads, onTrack }: { creds: Credentials; uploads: UploadNotes; onTrack: () => void }) {
  const t = useT();
  // Tracking is the customer's likely next step: its code comes down while they note the secret.
  useEffect(() => {
    void loadTrackTab();
  }, []);
  const credential = (label: string, value: string, testId: string) => (
    <div className="portal-credential">
      <div className="portal-credential-label">{label}</div>
      <div className="portal-credential-value">
        <span className="secret-box" data-testid={testId}>
          {value}
        </span>
        <PlainCopyButton text={value} label={label} />
      </div>
    </div>
  );
  return (
    <section className="plain-card portal-card" data-testid="portal-submitted">
      <h2 className="portal-card-title">{t('portal.submitted')}</h2>
      <div className="plain-alert plain-alert-warning">{t('portal.keepSecret')}</div>
      {uploads.ok > 0 && (
        <div className="plain-alert plain-alert-success" data-testid="portal-photos-uploaded">
          {t('portal.photosUploaded', { count: uploads.ok })}
        </div>
      )}
      {uploads.failed.map((m) => (
        <div key={m} className="plain-alert" role="alert">
          {m}
        </div>
      ))}
      {credential(t('portal.code'), creds.code, 'portal-code')}
      {credential(t('portal.secret'), creds.secret, 'portal-secret')}
      <button type="button" className="plain-submit plain-submit-large portal-track-now" onClick={onTrack}>
        {t('portal.trackNow')}
      </button>
    </section>
  );
}

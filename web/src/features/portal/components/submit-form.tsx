/**
 * The portal's complaint form, the first screen a customer sees, in plain elements and the house CSS
 * (styles.css, `.plain-*`), not Ant Design (#20): customers open it on phones over mobile networks, and with
 * Ant Design's form, select and upload it weighed ~290 KB of compressed script. What Ant Design gave it, it
 * keeps: labels, required marks, the checks with their messages under the field once it is left or the form is
 * sent, a server's objection to a field shown at that field, a busy button, the chosen files listed.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useT } from '../../../i18n/i18n-context.tsx';
import { useAsync } from '../../../components/use-async.ts';
import { describeError } from '../../../components/describe-error.ts';
import { PlainField, PlainFormEnd, fieldControlProps } from '../../../components/plain-field.tsx';
import { ApiError } from '../../../api/client.ts';
import { portalUnits, submitComplaint, uploadPortalFile, type Credentials } from '../api.ts';
import { checkSubmit, fieldOfServerError, type SubmitField, type SubmitValues } from '../submit-check.ts';
import { FilePicker } from './file-picker.tsx';
import { Submitted, type UploadNotes } from './submitted.tsx';

const EMPTY: SubmitValues = { unitId: '', name: '', phone: '', email: '', title: '', content: '', demands: '' };
const ALL_TOUCHED: Record<SubmitField, true> = {
  unitId: true,
  name: true,
  phone: true,
  email: true,
  title: true,
  content: true,
  demands: true,
};

const blank = (s: string) => (s.trim() ? s.trim() : undefined);

export function SubmitForm({ onTrack }: { onTrack: (c: Credentials) => void }) {
  const t = useT();
  const id = useId();
  const units = useAsync(portalUnits, []);
  const [values, setValues] = useState<SubmitValues>(EMPTY);
  const [touched, setTouched] = useState<Partial<Record<SubmitField, boolean>>>({});
  // The server's objection to a field, shown there until the field is changed.
  const [serverProblem, setServerProblem] = useState<{ field: SubmitField; message: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ creds: Credentials; uploads: UploadNotes } | null>(null);
  const problems = checkSubmit(values);
  // When the first screen was ready, for the browser tests' account of what it waited for (#20).
  useEffect(() => {
    performance.mark('plaint:portal-form-shown');
  }, []);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setTouched(ALL_TOUCHED);
    if (busy || Object.keys(problems).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      const creds = await submitComplaint({
        unitId: values.unitId,
        customer: { name: values.name.trim(), phone: blank(values.phone), email: blank(values.email) },
        title: values.title.trim(),
        content: values.content.trim(),
        demands: blank(values.demands),
      });
      // The complaint is recorded first; photos follow with its code and secret, so a failed upload
      // never loses the complaint itself.
      const uploads: UploadNotes = { ok: 0, failed: [] };
      for (const f of files) {
        try {
          await uploadPortalFile(creds, f);
          uploads.ok++;
        } catch (err) {
          uploads.failed.push(t('portal.photoFailed', { name: f.name, message: err instanceof ApiError ? err.message : String(err) }));
        }
      }
      setDone({ creds, uploads });
    } catch (err) {
      const field = err instanceof ApiError && err.status === 400 ? fieldOfServerError(err.field) : undefined;
      if (field && err instanceof ApiError) setServerProblem({ field, message: t('error.fieldInvalid', { message: err.message }) });
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  if (done) return <Submitted creds={done.creds} uploads={done.uploads} onTrack={() => onTrack(done.creds)} />;

  const field = (name: SubmitField) => {
    const key = problems[name];
    const problem = touched[name] && key ? t(key) : serverProblem?.field === name ? serverProblem.message : undefined;
    return {
      id: `${id}-${name}`,
      problem,
      control: {
        ...fieldControlProps(`${id}-${name}`, problem),
        value: values[name],
        onChange: (e: { target: { value: string } }) => {
          const value = e.target.value;
          setValues((was) => ({ ...was, [name]: value }));
          if (serverProblem?.field === name) setServerProblem(null);
        },
        onBlur: () => setTouched((was) => ({ ...was, [name]: true })),
      },
    };
  };
  const unit = field('unitId');
  const name = field('name');
  const phone = field('phone');
  const email = field('email');
  const title = field('title');
  const content = field('content');
  const demands = field('demands');
  const unitsError = units.error ? describeError(units.error, t) : null;

  return (
    <section className="plain-card portal-card">
      <p>{t('portal.intro')}</p>
      <form className="portal-form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="portal-submit-form">
        <PlainField id={unit.id} label={t('portal.unit')} required problem={unit.problem ?? unitsError ?? undefined}>
          <select {...unit.control} aria-busy={units.loading}>
            <option value="">{units.loading ? t('common.loading') : t('portal.unitChoose')}</option>
            {(units.data ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </PlainField>
        <PlainField id={name.id} label={t('portal.name')} required problem={name.problem}>
          <input {...name.control} autoComplete="name" maxLength={100} />
        </PlainField>
        <PlainField id={phone.id} label={t('portal.phone')} problem={phone.problem}>
          <input {...phone.control} type="tel" inputMode="tel" autoComplete="tel" maxLength={32} />
        </PlainField>
        <PlainField id={email.id} label={t('portal.email')} problem={email.problem}>
          <input {...email.control} type="email" inputMode="email" autoComplete="email" maxLength={254} />
        </PlainField>
        <PlainField id={title.id} label={t('portal.title')} required problem={title.problem}>
          <input {...title.control} maxLength={200} />
        </PlainField>
        <PlainField id={content.id} label={t('portal.content')} required problem={content.problem}>
          <textarea {...content.control} rows={5} maxLength={20000} />
        </PlainField>
        <PlainField id={demands.id} label={t('portal.demands')} problem={demands.problem}>
          <textarea {...demands.control} rows={2} maxLength={5000} />
        </PlainField>
        <PlainField id={`${id}-photos`} label={t('portal.photos')} extra={t('portal.photosHint')}>
          <FilePicker id={`${id}-photos`} files={files} onChange={setFiles} />
        </PlainField>
        <PlainFormEnd error={error} busy={busy} large>
          {t('portal.submit')}
        </PlainFormEnd>
      </form>
    </section>
  );
}

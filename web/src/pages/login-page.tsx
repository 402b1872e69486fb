/**
 * The console's login form, in plain HTML elements and the house CSS (styles.css, `.login-*`), not Ant Design
 * (#20): it is the first thing a handler on a phone waits for, and with Ant Design it was 233 KB of compressed
 * script instead of 103 KB. What Ant Design gave it, it keeps: a label on each field, the required and e-mail
 * checks with their messages under the field, the password's show/hide switch, a busy button, an alert for a
 * failed sign-in. The console's code comes down while the form waits (console-routes.ts).
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useT } from '../i18n/i18n-context.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { LanguageSwitch } from '../i18n/language-switch.tsx';
import { useAuth } from '../features/meta/auth-context.tsx';
import { ApiError } from '../api/client.ts';
import { describeError } from '../components/describe-error.ts';
import { prefetchConsoleData, preloadConsole } from '../console-routes.ts';
import { PlainField, PlainFormEnd, fieldControlProps } from '../components/plain-field.tsx';
import { EMAIL_RE } from '../components/email-shape.ts';

type Problems = { email?: MessageKey; password?: MessageKey };

function check(email: string, password: string): Problems {
  const problems: Problems = {};
  if (!email.trim()) problems.email = 'common.required';
  else if (!EMAIL_RE.test(email.trim())) problems.email = 'error.badEmail';
  if (!password) problems.password = 'common.required';
  return problems;
}

/** An open eye (the password is hidden: show it) or a crossed one (shown: hide it), drawn inline. */
function EyeIcon({ crossed }: { crossed: boolean }) {
  return (
    <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
      <path d="M2 12s3.6-6.5 10-6.5S22 12 22 12s-3.6 6.5-10 6.5S2 12 2 12z" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <circle cx="12" cy="12" r="3" fill="none" stroke="currentColor" strokeWidth="1.6" />
      {crossed && <path d="M4 20L20 4" stroke="currentColor" strokeWidth="1.6" />}
    </svg>
  );
}

export function LoginPage({ from }: { from: string }) {
  const t = useT();
  const { login } = useAuth();
  const navigate = useNavigate();
  const id = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  // A field's message shows once the field has been left or the form sent, as Ant Design's did.
  const [touched, setTouched] = useState<{ email?: boolean; password?: boolean }>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const problems = check(email, password);

  // Once the form is on screen and the browser has nothing else to do, the console's code (Ant Design with its
  // theme, the console shell, the queue page: ~250 KB) comes down and runs while the handler types, so that
  // after the click only the sign-in, the data and the first render are left (#20). Measured against fetching
  // it on the click: the first row came sooner both after a typed sign-in and after an instant one.
  useEffect(() => {
    performance.mark('plaint:login-form-shown');
    const start = () => preloadConsole();
    if (typeof requestIdleCallback === 'function') {
      const handle = requestIdleCallback(start, { timeout: 2000 });
      return () => cancelIdleCallback(handle);
    }
    const timer = setTimeout(start, 200);
    return () => clearTimeout(timer);
  }, []);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setTouched({ email: true, password: true });
    if (busy || problems.email || problems.password) return;
    // The sign-in request goes out first: the browser opens six connections to a server, and the console's
    // code, asked for next, would take them all and hold the sign-in behind ~20 downloads on a slow link.
    // When the click came before the browser was idle, the code comes down while the server checks the
    // password, not after (#20); when it is already here, asking again costs nothing.
    const signingIn = login(email.trim(), password, () => prefetchConsoleData(from));
    preloadConsole();
    setBusy(true);
    setError(null);
    try {
      await signingIn;
      navigate(from || '/', { replace: true });
    } catch (err) {
      setError(err instanceof ApiError && (err.status === 401 || err.status === 400) ? t('login.failed') : describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  const field = (name: 'email' | 'password') => {
    const key = problems[name];
    const problem = touched[name] && key ? t(key) : undefined;
    return {
      problem,
      inputProps: {
        ...fieldControlProps(`${id}-${name}`, problem),
        onBlur: () => setTouched((was) => ({ ...was, [name]: true })),
      },
    };
  };
  const emailField = field('email');
  const passwordField = field('password');

  return (
    <main className="login-wrap">
      <section className="login-card plain-card" aria-labelledby={`${id}-title`}>
        <header className="login-card-head">
          <h1 id={`${id}-title`} className="login-card-title">
            {t('login.title')}
          </h1>
          <LanguageSwitch />
        </header>
        <form className="login-card-body" onSubmit={(e) => void onSubmit(e)} noValidate>
          <PlainField id={`${id}-email`} label={t('login.email')} problem={emailField.problem}>
            <input
              {...emailField.inputProps}
              type="email"
              autoComplete="username"
              // biome-ignore lint/a11y/noAutofocus: the login page has one job; the cursor belongs in its first field.
              autoFocus
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </PlainField>
          <PlainField id={`${id}-password`} label={t('login.password')} problem={passwordField.problem}>
            <span className={passwordField.problem ? 'login-password plain-input-error' : 'login-password'}>
              <input
                {...passwordField.inputProps}
                className="login-password-input"
                type={showPassword ? 'text' : 'password'}
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
              <button
                type="button"
                className="login-reveal"
                aria-pressed={showPassword}
                aria-label={t(showPassword ? 'login.hidePassword' : 'login.showPassword')}
                onClick={() => setShowPassword((s) => !s)}
              >
                <EyeIcon crossed={showPassword} />
              </button>
            </span>
          </PlainField>
          <PlainFormEnd error={error} busy={busy}>
            {t('login.submit')}
          </PlainFormEnd>
          <Link to="/portal" className="login-portal-link">
            {t('login.portalLink')}
          </Link>
        </form>
      </section>
    </main>
  );
}

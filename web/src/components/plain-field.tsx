/**
 * Form parts in plain elements (styles.css, `.plain-*`): a field (its label, its control, a hint, and the message
 * of what is wrong with it, tied to the control for screen readers) and a form's end (the failure of the last try
 * and the busy send button). Used by the forms that load no Ant Design (#20): the login page and the portal's
 * complaint form.
 */
import type { ReactNode } from 'react';

/** What a control needs to be named by its field and to say that it is invalid. */
export function fieldControlProps(id: string, problem: string | undefined) {
  return {
    id,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': problem ? `${id}-problem` : undefined,
    className: problem ? 'plain-input plain-input-error' : 'plain-input',
  };
}

export function PlainField({
  id,
  label,
  required = false,
  problem,
  extra,
  children,
}: {
  /** The control's id, which the label points at. */
  id: string;
  label: string;
  required?: boolean;
  /** The message to show, already in the reader's language; none while the field is fine or untouched. */
  problem?: string;
  extra?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="plain-field">
      <label htmlFor={id} className={required ? 'plain-required' : undefined}>
        {label}
      </label>
      {children}
      {problem && (
        <div id={`${id}-problem`} className="plain-problem">
          {problem}
        </div>
      )}
      {extra && <div className="plain-extra">{extra}</div>}
    </div>
  );
}

/** A form's end in plain elements: what went wrong with the last try, and the send button, busy while it runs. */
export function PlainFormEnd({
  error,
  busy,
  large = false,
  children,
}: {
  error: string | null;
  busy: boolean;
  large?: boolean;
  children: ReactNode;
}) {
  return (
    <>
      {error && (
        <div className="plain-alert" role="alert">
          {error}
        </div>
      )}
      <button type="submit" className={large ? 'plain-submit plain-submit-large' : 'plain-submit'} disabled={busy} aria-busy={busy}>
        {busy && <span className="spinner spinner-small" aria-hidden="true" />}
        {children}
      </button>
    </>
  );
}

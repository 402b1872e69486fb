/**
 * Shows an API error in the user's language: a 400 naming a field goes next to that form field
 * (the server's `customer.phone` is the form's ['customer','phone']); everything else is a toast
 * with the server's message and, when given, the field.
 */
import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { describeError } from './describe-error.ts';

export { describeError };

export function fieldPath(field: string): (string | number)[] {
  return field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

export function useErrorReporter() {
  const { message } = App.useApp();
  const { t, has } = useI18n();
  return useCallback(
    (err: unknown, form?: FormInstance, fieldPrefix: (string | number)[] = []) => {
      if (form && err instanceof ApiError && err.status === 400 && err.field) {
        form.setFields([{ name: [...fieldPrefix, ...fieldPath(err.field)], errors: [t('error.fieldInvalid', { message: err.message })] }]);
      }
      const label = (a: string) => {
        const key = `action.${a}`;
        return has(key) ? t(key) : a;
      };
      message.error(describeError(err, t, label));
    },
    [message, t, has],
  );
}

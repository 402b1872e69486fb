/**
 * Loads one casework record of a complaint (special report, emergency, corrective action) where a 404
 * means "not started", and runs the panel's writes with one busy flag and a polite error message.
 */
import { useCallback, useState } from 'react';
import { App } from 'antd';
import { useAsync } from '../../components/use-async.ts';
import { isNotFound, politeError } from '../../components/polite-error.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import { useAuth } from '../meta/auth-context.tsx';
import { roleHas, type Capability } from '../../../../src/security/permissions.ts';

/** `onChanged` tells the page a write happened, so the complaint (its timeline) reloads too. */
export function useCaseworkRecord<T>(load: () => Promise<T>, deps: unknown[], onChanged?: () => void) {
  const t = useT();
  const { message } = App.useApp();
  const { user } = useAuth();
  const state = useAsync(async () => {
    try {
      return { record: await load() };
    } catch (err) {
      if (isNotFound(err)) return { record: null };
      throw err;
    }
  }, deps);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { reload } = state;
  /** Runs a write; on success reloads and toasts, on failure keeps the server's reason on the panel. */
  const run = useCallback(
    async (write: () => Promise<unknown>): Promise<boolean> => {
      setBusy(true);
      setError(null);
      try {
        await write();
        message.success(t('common.done'));
        reload();
        onChanged?.();
        return true;
      } catch (err) {
        setError(politeError(err, t));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [message, t, reload, onChanged],
  );
  return {
    record: state.data?.record ?? null,
    loaded: state.data !== undefined,
    loadError: state.error ? politeError(state.error, t) : null,
    busy,
    error,
    run,
    reload,
    canAct: !!user && user.role !== 'auditor',
    /** The server's permission table (src/security/permissions.ts), so a panel offers only what will succeed. */
    can: (capability: Capability) => !!user && roleHas(user.role, capability),
  };
}

/** The logged-in user. A token in localStorage is checked against /api/me once at start-up. */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { setUnauthenticatedHandler, tokenStore } from '../../api/client.ts';
import type { User } from '../../api/types.ts';
import * as metaApi from './api.ts';

interface Auth {
  user: User | null;
  checking: boolean;
  login: (email: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [checking, setChecking] = useState(() => Boolean(tokenStore.get()));

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      tokenStore.clear();
      setUser(null);
    });
    if (!tokenStore.get()) return;
    metaApi
      .getMe()
      .then((r) => setUser(r.user))
      .catch(() => tokenStore.clear())
      .finally(() => setChecking(false));
  }, []);

  const login = useCallback(async (email: string, password: string) => {
    const r = await metaApi.login(email, password);
    tokenStore.set(r.token);
    setUser(r.user);
  }, []);

  const logout = useCallback(async () => {
    try {
      await metaApi.logout();
    } finally {
      tokenStore.clear();
      setUser(null);
    }
  }, []);

  return <AuthContext.Provider value={{ user, checking, login, logout }}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

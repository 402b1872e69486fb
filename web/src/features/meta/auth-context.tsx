/**
 * The logged-in user. The session is an httpOnly cookie the script never sees, so at start-up
 * GET /api/me decides: a user means logged in, a 401 means the login page.
 */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { setUnauthenticatedHandler } from '../../api/client.ts';
import type { User } from '../../api/types.ts';
import * as metaApi from './api.ts';

interface Auth {
  user: User | null;
  checking: boolean;
  /** Whether the user's role has a capability of the server's permission table (from GET /api/me). */
  can: (capability: string) => boolean;
  /** `signedIn` runs as soon as the server accepted the password, before the user's details arrive. */
  login: (email: string, password: string, signedIn?: () => void) => Promise<void>;
  logout: () => Promise<void>;
  /** Reads the session again (GET /api/me): after the first-run setup logged its new administrator in (issue #16). */
  refresh: () => Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [checking, setChecking] = useState(true);
  const [capabilities, setCapabilities] = useState<readonly string[]>([]);

  useEffect(() => {
    let live = true;
    setUnauthenticatedHandler(() => setUser(null));
    metaApi
      .getMe()
      .then((r) => {
        if (!live) return;
        setUser(r.user);
        setCapabilities(r.capabilities);
      })
      .catch(() => live && setUser(null))
      .finally(() => live && setChecking(false));
    return () => {
      live = false;
    };
  }, []);

  const login = useCallback(async (email: string, password: string, signedIn?: () => void) => {
    const r = await metaApi.login(email, password);
    signedIn?.();
    // The capabilities come with GET /api/me; the login answer carries only the user.
    setCapabilities((await metaApi.getMe()).capabilities);
    setUser(r.user);
  }, []);

  const logout = useCallback(async () => {
    try {
      await metaApi.logout();
    } finally {
      setUser(null);
    }
  }, []);

  const refresh = useCallback(async () => {
    const r = await metaApi.getMe();
    setCapabilities(r.capabilities);
    setUser(r.user);
  }, []);

  const can = useCallback((capability: string) => capabilities.includes(capability), [capabilities]);
  return <AuthContext.Provider value={{ user, checking, can, login, logout, refresh }}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

import { api } from '../../api/client.ts';
import type { JsonAnswer, OrgNode, Pack, PolicySummary } from '../../api/types.ts';

/** A cookie session: the server sets the httpOnly session cookie and the readable CSRF cookie. */
export const login = (email: string, password: string) =>
  api<JsonAnswer<'/api/auth/login', 'post', 200>>('/auth/login', { body: { email, password, cookie: true } });
export const logout = () => api<void>('/auth/logout', { method: 'POST' });
export const getMe = () => api<JsonAnswer<'/api/me', 'get', 200>>('/me');
export const getUnits = () => api<OrgNode[]>('/units');
export const getPolicies = () => api<PolicySummary[]>('/policies');

type RawPack = Pack & { categories?: Pack['taxonomy'] };

/** The docs call the tree `categories`; the server sends `taxonomy`. Either is accepted. */
const normalised = (raw: RawPack): Pack => ({
  ...raw,
  taxonomy: raw.taxonomy ?? raw.categories ?? [],
  guides: raw.guides ?? [],
  clocks: raw.clocks ?? [],
});

/** Every pack in one request (#20: a list and then a request a pack cost a round trip more after sign-in). */
export async function getPacks(): Promise<Pack[]> {
  return (await api<RawPack[]>('/policy-packs')).map(normalised);
}

/** Issue #16 item 1: the first run (types generated from the server's schemas). */
import { api } from '../../api/client.ts';
import type { JsonAnswer } from '../../api/types.ts';

export type SetupStatus = JsonAnswer<'/api/setup', 'get', 200>;
export type SetupResult = JsonAnswer<'/api/setup', 'post', 201>;
export interface SetupBody {
  organisation: { name: string };
  company: { name: string; policyId: string };
  unit?: { name: string; portal?: boolean };
  admin?: { email: string; name: string; password: string };
}

export const getSetupStatus = () => api<SetupStatus>('/setup');
export const runSetup = (body: SetupBody) => api<SetupResult>('/setup', { method: 'POST', body });

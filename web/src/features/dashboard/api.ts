import { api } from '../../api/client.ts';
import type { JsonAnswer } from '../../api/types.ts';

/** The dashboard's counts, taken at asOf (at most 30 s before the answer), as the OpenAPI document describes them. */
export type Dashboard = JsonAnswer<'/api/stats/dashboard', 'get', 200>;

export const getDashboard = () => api<Dashboard>('/stats/dashboard');

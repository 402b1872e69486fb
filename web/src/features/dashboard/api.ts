import { api } from '../../api/client.ts';
import type { JsonAnswer } from '../../api/types.ts';

/** The dashboard's counts, exact at asOf (the moment of the answer), as the OpenAPI document describes them. */
export type Dashboard = JsonAnswer<'/api/stats/dashboard', 'get', 200>;

export const getDashboard = () => api<Dashboard>('/stats/dashboard');

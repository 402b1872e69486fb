/** Issue #14: delivery channels, the outbox and a complaint's deliveries (types generated from the server's schemas). */
import { api } from '../../api/client.ts';
import type { paths } from '../../api/openapi.d.ts';

type Json<P extends keyof paths, M extends 'get' | 'post' | 'patch'> = paths[P][M] extends { responses: infer R }
  ? R extends { 200: { content: { 'application/json': infer B } } }
    ? B
    : R extends { 201: { content: { 'application/json': infer B } } }
      ? B
      : never
  : never;

export type Channel = Json<'/api/channels', 'get'>[number];
export type OutboxMessage = Json<'/api/outbox', 'get'>[number];
export type NotificationDeliveries = Json<'/api/complaints/{id}/notifications', 'get'>[number];
export type Transport = Channel['kind'];
export const TRANSPORTS: readonly Transport[] = ['email', 'wecom', 'dingtalk', 'feishu', 'webhook'];

export interface ChannelForm {
  companyId: string;
  kind: Transport;
  name: string;
  url?: string | null;
  secret?: string | null;
  kinds?: string[];
  levels?: string[];
  enabled?: boolean;
}

export const listChannels = () => api<Channel[]>('/channels');
export const createChannel = (body: ChannelForm) => api<Channel>('/channels', { method: 'POST', body });
export const updateChannel = (id: string, body: Partial<Omit<ChannelForm, 'companyId' | 'kind'>>) =>
  api<Channel>(`/channels/${id}`, { method: 'PATCH', body });
export const deleteChannel = (id: string) => api<null>(`/channels/${id}`, { method: 'DELETE' });
export const testChannel = (id: string) => api<{ outboxId: string }>(`/channels/${id}/test`, { method: 'POST', body: {} });
export const listOutbox = (state: 'failed' | 'pending' | 'sent') => api<OutboxMessage[]>('/outbox', { query: { state } });
export const retryOutbox = (id: string) => api<{ id: string }>(`/outbox/${id}/retry`, { method: 'POST', body: {} });
export const complaintNotifications = (id: string) => api<NotificationDeliveries[]>(`/complaints/${id}/notifications`);
export type CustomerMessage = Json<'/api/complaints/{id}/customer-messages', 'get'>[number];
export const complaintCustomerMessages = (id: string) => api<CustomerMessage[]>(`/complaints/${id}/customer-messages`);
export type UnitCustomerMessages = Json<'/api/units/{id}/customer-messages', 'get'>;
export const unitCustomerMessages = (unitId: string) => api<UnitCustomerMessages>(`/units/${unitId}/customer-messages`);
export const saveUnitCustomerMessages = (unitId: string, body: Omit<UnitCustomerMessages, 'unitId' | 'unitName'>) =>
  api<UnitCustomerMessages>(`/units/${unitId}/customer-messages`, { method: 'PUT', body });

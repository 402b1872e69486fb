/** Casework after intake (src/http/routes/casework.routes.ts): special report, progress, emergency, corrective action, case. */
import { api, apiUrl } from '../../api/client.ts';
import type { JsonAnswer } from '../../api/types.ts';

const c = (id: string, rest: string) => `/complaints/${encodeURIComponent(id)}/${rest}`;

// The answers as the OpenAPI document describes them (generated types).
export type SpecialReport = JsonAnswer<'/api/complaints/{id}/special-report', 'get', 200>;
export type CourseEntry = SpecialReport['content']['course'][number];
export interface ReportEdit {
  title?: string;
  summary?: string;
  causeAnalysis?: string;
}

export const getSpecialReport = (id: string) => api<SpecialReport>(c(id, 'special-report'));
export const draftSpecialReport = (id: string) => api<SpecialReport>(c(id, 'special-report'), { method: 'POST' });
export const editSpecialReport = (id: string, body: ReportEdit) => api<SpecialReport>(c(id, 'special-report'), { method: 'PUT', body });
export const approveSpecialReport = (id: string) => api<SpecialReport>(c(id, 'special-report/approve'), { method: 'POST' });
export const specialReportXlsxUrl = (id: string) => apiUrl(c(id, 'special-report.xlsx'));
export const specialReportHtmlUrl = (id: string) => apiUrl(c(id, 'special-report.html'));

type ProgressList = JsonAnswer<'/api/complaints/{id}/progress', 'get', 200>;
export type ProgressEntry = ProgressList['items'][number];
export const listProgress = (id: string) => api<ProgressList>(c(id, 'progress'));
export const addProgress = (id: string, text: string) =>
  api<JsonAnswer<'/api/complaints/{id}/progress', 'post', 201>>(c(id, 'progress'), { body: { text } });

export type Emergency = JsonAnswer<'/api/complaints/{id}/emergency', 'get', 200>;
export type Deadline = Emergency['answer'];
export type EmergencyKind = 'action' | 'answer' | 'conclusion';
export const getEmergency = (id: string) => api<Emergency>(c(id, 'emergency'));
export const openEmergency = (id: string, body: { commanderName?: string; team: string[] }) => api<Emergency>(c(id, 'emergency'), { body });
export const logEmergency = (id: string, body: { text: string; kind: EmergencyKind }) =>
  api<Emergency>(c(id, 'emergency/actions'), { body });
export const reviewEmergency = (id: string, body: { findings: string; planChanges: string }) =>
  api<Emergency>(c(id, 'emergency/review'), { body });

export type Capa = JsonAnswer<'/api/complaints/{id}/capa', 'get', 200>;
export type CapaAction = Capa['actions'][number];
export type EightDStep = NonNullable<Capa['eightD']>[number];
export interface CapaFields {
  team?: string[];
  problem?: string;
  containment?: string;
  rootCause?: string;
  prevention?: string;
}
export const getCapa = (id: string) => api<Capa>(c(id, 'capa'));
export const openCapa = (id: string, body: CapaFields) => api<Capa>(c(id, 'capa'), { body });
export const updateCapa = (id: string, body: CapaFields) => api<Capa>(c(id, 'capa'), { method: 'PUT', body });
export const addCapaAction = (id: string, body: { description: string; owner: string; dueDate: string; kind: CapaAction['kind'] }) =>
  api<Capa>(c(id, 'capa/actions'), { body });
export const completeCapaAction = (id: string, actionId: string) =>
  api<Capa>(c(id, `capa/actions/${encodeURIComponent(actionId)}/done`), { method: 'POST' });
export const verifyCapa = (id: string, body: { effective: boolean; evidence: string }) => api<Capa>(c(id, 'capa/verify'), { body });

export const promoteToCase = (id: string, body: { classification: string; lessons: string }) =>
  api<JsonAnswer<'/api/complaints/{id}/case', 'post', 201>>(c(id, 'case'), { body });

/** Casework after intake (src/http/routes/casework.routes.ts): special report, progress, emergency, corrective action, case. */
import { api, apiUrl } from '../../api/client.ts';

const c = (id: string, rest: string) => `/complaints/${encodeURIComponent(id)}/${rest}`;

export interface CourseEntry {
  seq: number;
  at: string;
  local: string;
  type: string;
  label: string;
  actor: string;
  text: string;
}
export interface SpecialReport {
  complaintId: string;
  level: string;
  status: 'draft' | 'approved' | string;
  content: {
    kind: 'brief' | 'detailed';
    title: string;
    summary: string;
    causeAnalysis: string;
    course: CourseEntry[];
    measures: { source: string; text: string }[];
    progress: { at: string; local: string; author: string; text: string }[];
  };
  draftedAt: string;
  updatedAt: string;
  approvedAt: string | null;
  approvedBy: string | null;
  version: number;
}
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

export interface ProgressEntry {
  id?: string;
  at: string;
  text: string;
  author?: string;
  authorLabel?: string;
}
export const listProgress = (id: string) => api<{ items: ProgressEntry[] }>(c(id, 'progress'));
export const addProgress = (id: string, text: string) => api<unknown>(c(id, 'progress'), { body: { text } });

export interface Deadline {
  dueAt: string;
  doneAt: string | null;
  state: 'met' | 'met_late' | 'overdue' | 'pending';
  met: boolean;
}
export interface Emergency {
  id: string;
  status: string;
  commander: { role: string; name: string | null; inWorkingHours: boolean };
  team: string[];
  openedAt: string;
  answer: Deadline;
  conclusion: Deadline;
  actions: { id: number; kind: 'action' | 'answer' | 'conclusion'; text: string; at: string; actor: string }[];
  review: { findings: string; planChanges: string } | null;
}
export type EmergencyKind = 'action' | 'answer' | 'conclusion';
export const getEmergency = (id: string) => api<Emergency>(c(id, 'emergency'));
export const openEmergency = (id: string, body: { commanderName?: string; team: string[] }) => api<Emergency>(c(id, 'emergency'), { body });
export const logEmergency = (id: string, body: { text: string; kind: EmergencyKind }) => api<unknown>(c(id, 'emergency/actions'), { body });
export const reviewEmergency = (id: string, body: { findings: string; planChanges: string }) =>
  api<unknown>(c(id, 'emergency/review'), { body });

export interface CapaAction {
  id: string;
  kind: 'corrective' | 'preventive';
  description: string;
  owner: string;
  dueDate: string;
  doneAt: string | null;
}
export interface EightDStep {
  step: string;
  title: string;
  titleZh: string;
  content: unknown;
  done: boolean;
}
export interface Capa {
  complaintId: string;
  id: string;
  department: { id: string; name: string | null };
  team: string[];
  problem: string | null;
  containment: string | null;
  rootCause: string | null;
  prevention: string | null;
  status: string;
  plan: { dueAt: string; submittedAt: string | null; state: Deadline['state'] };
  verifications: { effective: boolean; evidence: string; at?: string }[] | null;
  verifiedAt: string | null;
  actions: CapaAction[];
  missingForVerification: string[];
  eightD: EightDStep[] | null;
}
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
  api<unknown>(c(id, 'capa/actions'), { body });
export const completeCapaAction = (id: string, actionId: string) =>
  api<unknown>(c(id, `capa/actions/${encodeURIComponent(actionId)}/done`), { method: 'POST' });
export const verifyCapa = (id: string, body: { effective: boolean; evidence: string }) => api<unknown>(c(id, 'capa/verify'), { body });

export const promoteToCase = (id: string, body: { classification: string; lessons: string }) =>
  api<{ id: string }>(c(id, 'case'), { body });

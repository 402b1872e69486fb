/**
 * Every operation of the OpenAPI document × every role × a target inside and outside the caller's
 * scope (issue #19: "a new route added without a matrix entry fails the suite"). The expectations come
 * from the permission table (src/security/permissions.ts); the scope comes from the demo tree.
 *
 * Two fixture sets, each one complaint with all that hangs off it (attachment, corrective action and
 * its action, return, case), at two companies: IN at the service centre (co-svc), OUT at the
 * real-estate company (co-re). Each role's user sits at co-svc (a handler at the co-svc department that
 * works IN), so IN is in scope and OUT is not. For a resource route: OUT → 404 naming nothing of it;
 * IN → 403 when the table refuses the role, else an answer that is neither 401, 403 nor a 404 for the
 * resource (a 409 or 400 from the state machine is fine: authorisation passed). For a list: OUT's
 * identifiers never appear in it. For a report or KPI over a node: OUT's node → 404.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { ensureUser } from '../../src/use-cases/auth.ts';
import { insertOutbox } from '../../src/data/outbox-store.ts';
import { recordTaken } from '../../src/data/mail-intake-store.ts';
import { ROLES, ROLE_SCOPE, roleHas, roleMayTake, type Capability, type Role } from '../../src/security/permissions.ts';

const PASSWORD = 'matrix-password-1';

interface Fixture {
  unitId: string;
  companyId: string;
  complaintId: string;
  code: string;
  attachmentId: string;
  capaActionId: string;
  returnId: string;
  caseId: string;
  /** A user of that company, for the user-management routes. */
  userId: string;
  userEmail: string;
  /** An API token of that user, for the token routes. */
  tokenId: string;
  /** A delivery channel of the company and a failed outbox message of the complaint (issue #14). */
  channelId: string;
  outboxId: string;
  /** An IMAP mailbox of the unit and a message its intake rejected (issue #14 item 6). */
  mailboxId: string;
  intakeMessageId: string;
}

interface Req {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  /** true: a small PNG as `file`; a function: that multipart body. */
  multipart?: boolean | (() => { payload: Buffer; headers: Record<string, string> });
}

type Allowed = (role: Role) => boolean;
const cap =
  (c: Capability): Allowed =>
  (role) =>
    roleHas(role, c);
const everyone: Allowed = () => true;

/**
 * What the matrix knows of each operation:
 * - public: no login; the portal's own secrets (tracking code + secret) guard it (test/http/portal.test.ts).
 * - self: the caller's own account; `other` names another user's object (404 for it).
 * - resource: an object reached through a complaint (or its sub-object) given by id; looked up in
 *   scope first, unless `capabilityFirst` (an administrator's route: a refusal is the same for any id).
 * - node: an organisation node given by id or `nodeId`; department-scoped roles own no node.
 * - list: a scoped list; OUT's identifiers never appear, IN's `shows` do where the role may read it.
 */
type Entry =
  | { kind: 'public'; why: string }
  | { kind: 'self'; call: () => Req; other?: (f: Fixture) => Req }
  | { kind: 'resource'; allowed: Allowed; call: (f: Fixture) => Req; capabilityFirst?: true }
  | { kind: 'node'; allowed: Allowed; call: (f: Fixture) => Req; departmentsRead?: boolean }
  | { kind: 'list'; allowed: Allowed; call: () => Req; shows?: (f: Fixture) => string[]; text?: (body: Buffer) => Promise<string> };

/** A workbook's cells as text, so a list served as .xlsx (a zip) is checked like any other body. */
async function workbookText(body: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const cells: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => void cells.push(String(c.value)))));
  return cells.join('\n');
}

/** A workbook for the organisation import: one department under the IN unit (made once, before the walk). */
let orgWorkbookBytes: Buffer;
function orgWorkbook(): { payload: Buffer; headers: Record<string, string> } {
  const boundary = 'matrixorgboundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="org.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), orgWorkbookBytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const note = { type: 'note', text: '权限矩阵测试' };
const period = 'kind=monthly&period=2026-11-15';

export const MATRIX: Record<string, Entry> = {
  'GET /api/health': { kind: 'public', why: 'liveness for load balancers' },
  'POST /api/auth/login': { kind: 'public', why: 'logging in' },
  'POST /api/auth/session': { kind: 'public', why: 'logging in (web session)' },
  'POST /api/auth/invite/accept': { kind: 'public', why: 'guarded by the one-time link’s secret (issue #16 item 3)' },
  'GET /api/portal/units': { kind: 'public', why: 'units open to the public' },
  'POST /api/portal/complaints': { kind: 'public', why: 'a customer files a complaint' },
  'POST /api/portal/attachments': { kind: 'public', why: 'guarded by the tracking code and secret' },
  'POST /api/portal/track': { kind: 'public', why: 'guarded by the tracking code and secret' },
  'POST /api/portal/confirm': { kind: 'public', why: 'guarded by the tracking code and secret' },
  'POST /api/portal/dispute': { kind: 'public', why: 'guarded by the tracking code and secret' },
  'POST /api/portal/rate': { kind: 'public', why: 'guarded by the tracking code and secret' },

  // The first run (#16 item 1): open while no organisation exists, 409 ever after (test/http/setup.test.ts).
  'GET /api/setup': { kind: 'public', why: 'whether the first-run setup is needed' },
  'POST /api/setup': {
    kind: 'public',
    why: 'the first run only: 409 once the organisation exists; with an installation administrator, their login',
  },

  'GET /api/me': { kind: 'self', call: () => ({ method: 'GET', url: '/api/me' }) },
  'POST /api/auth/logout': { kind: 'self', call: () => ({ method: 'POST', url: '/api/auth/logout' }) },
  'POST /api/auth/password': {
    kind: 'self',
    call: () => ({ method: 'POST', url: '/api/auth/password', body: { currentPassword: PASSWORD, newPassword: 'another-password-9' } }),
  },
  'POST /api/auth/tokens': { kind: 'self', call: () => ({ method: 'POST', url: '/api/auth/tokens', body: { name: 'matrix' } }) },
  'GET /api/auth/tokens': { kind: 'self', call: () => ({ method: 'GET', url: '/api/auth/tokens' }) },
  'DELETE /api/auth/tokens/{id}': {
    kind: 'self',
    call: () => ({ method: 'DELETE', url: '/api/auth/tokens/00000000-0000-0000-0000-000000000000' }),
    other: (f) => ({ method: 'DELETE', url: `/api/auth/tokens/${f.tokenId}` }),
  },

  'GET /api/units': { kind: 'list', allowed: everyone, call: () => ({ method: 'GET', url: '/api/units' }), shows: (f) => [f.unitId] },
  'GET /api/units/{id}/calendar': {
    kind: 'node',
    allowed: everyone,
    departmentsRead: true,
    call: (f) => ({ method: 'GET', url: `/api/units/${f.unitId}/calendar` }),
  },
  'PUT /api/units/{id}/calendar': {
    kind: 'node',
    allowed: cap('calendar.edit'),
    call: (f) => ({
      method: 'PUT',
      url: `/api/units/${f.unitId}/calendar`,
      body: {
        timeZone: 'Asia/Shanghai',
        workingPeriods: [{ start: '09:00', end: '18:00' }],
        workWeek: [1, 2, 3, 4, 5],
        useChineseHolidays: true,
        overrides: {},
      },
    }),
  },
  // Issue #16 item 4: a company's or unit's tuned pack; the administrator's, in scope.
  'GET /api/units/{id}/policy': {
    kind: 'node',
    allowed: cap('policy.tune'),
    call: (f) => ({ method: 'GET', url: `/api/units/${f.unitId}/policy` }),
  },
  'PUT /api/units/{id}/policy': {
    kind: 'node',
    allowed: cap('policy.tune'),
    call: (f) => ({ method: 'PUT', url: `/api/units/${f.unitId}/policy`, body: { overrides: {} } }),
  },
  'POST /api/units/{id}/policy/preview': {
    kind: 'node',
    allowed: cap('policy.tune'),
    call: (f) => ({
      method: 'POST',
      url: `/api/units/${f.unitId}/policy/preview`,
      body: { overrides: {}, sample: { channel: 'phone', receivedAt: '2026-03-04T02:00:00.000Z' } },
    }),
  },
  // The organisation tree (#16 item 2): an administrator at co-svc works inside co-svc only.
  'GET /api/org-nodes': {
    kind: 'list',
    allowed: cap('org.manage'),
    call: () => ({ method: 'GET', url: '/api/org-nodes' }),
    shows: (f) => [f.unitId, f.companyId],
  },
  'POST /api/org-nodes': {
    kind: 'node',
    allowed: cap('org.manage'),
    call: (f) => ({
      method: 'POST',
      url: '/api/org-nodes',
      body: { name: `矩阵部门 ${crypto.randomUUID()}`, kind: 'department', parentId: f.unitId },
    }),
  },
  'PATCH /api/org-nodes/{id}': {
    kind: 'node',
    allowed: cap('org.manage'),
    call: (f) => ({ method: 'PATCH', url: `/api/org-nodes/${f.unitId}`, body: { portal: true } }),
  },
  'GET /api/org-nodes/{id}/changes': {
    kind: 'node',
    allowed: cap('org.manage'),
    call: (f) => ({ method: 'GET', url: `/api/org-nodes/${f.unitId}/changes` }),
  },
  // A dry run adding a department under the IN unit (u-svc): writes nothing, lists no node of another company.
  'POST /api/org-nodes/import': {
    kind: 'list',
    allowed: cap('org.manage'),
    call: () => ({ method: 'POST', url: '/api/org-nodes/import?dryRun=true', multipart: orgWorkbook }),
  },
  'GET /api/org-nodes/import-template': {
    kind: 'list',
    allowed: cap('org.manage'),
    call: () => ({ method: 'GET', url: '/api/org-nodes/import-template' }),
    text: workbookText,
  },
  'GET /api/policies': { kind: 'list', allowed: everyone, call: () => ({ method: 'GET', url: '/api/policies' }) },
  'GET /api/policies/{id}': { kind: 'list', allowed: everyone, call: () => ({ method: 'GET', url: '/api/policies/service-centre' }) },
  'GET /api/policy-packs': { kind: 'list', allowed: everyone, call: () => ({ method: 'GET', url: '/api/policy-packs' }) },

  'POST /api/complaints': {
    kind: 'node',
    allowed: cap('complaint.create'),
    call: (f) => ({
      method: 'POST',
      url: '/api/complaints',
      body: {
        unitId: f.unitId,
        channel: 'phone',
        customer: { name: '李雷', phone: '13900001111' },
        title: '矩阵测试登记',
        content: '内容',
      },
    }),
  },
  'GET /api/complaints': {
    kind: 'list',
    allowed: cap('complaint.read'),
    call: () => ({ method: 'GET', url: '/api/complaints?limit=200' }),
    shows: (f) => [f.complaintId],
  },
  // The queue's export: the list's view, every row; each row carries the complaint's id and code.
  'GET /api/complaints/export.csv': {
    kind: 'list',
    allowed: (r) => roleHas(r, 'complaint.read') && roleHas(r, 'complaint.export'),
    call: () => ({ method: 'GET', url: '/api/complaints/export.csv' }),
    shows: (f) => [f.complaintId, f.code],
  },
  'GET /api/complaints/export.xlsx': {
    kind: 'list',
    allowed: (r) => roleHas(r, 'complaint.read') && roleHas(r, 'complaint.export'),
    call: () => ({ method: 'GET', url: '/api/complaints/export.xlsx' }),
    shows: (f) => [f.complaintId, f.code],
    text: workbookText,
  },
  'GET /api/complaints/{id}': {
    kind: 'resource',
    allowed: cap('complaint.read'),
    call: (f) => ({ method: 'GET', url: `/api/complaints/${f.complaintId}` }),
  },
  'GET /api/complaints/{id}/events': {
    kind: 'resource',
    allowed: cap('complaint.read'),
    call: (f) => ({ method: 'GET', url: `/api/complaints/${f.complaintId}/events` }),
  },
  'GET /api/complaints/{id}/contact': {
    kind: 'resource',
    allowed: cap('contact.view'),
    call: (f) => ({ method: 'GET', url: `/api/complaints/${f.complaintId}/contact` }),
  },
  'GET /api/complaints/{id}/assessment': {
    kind: 'resource',
    allowed: cap('complaint.read'),
    call: (f) => ({ method: 'GET', url: `/api/complaints/${f.complaintId}/assessment` }),
  },
  'POST /api/complaints/{id}/actions': {
    kind: 'resource',
    allowed: (r) => roleMayTake(r, 'note'),
    call: (f) => ({ method: 'POST', url: `/api/complaints/${f.complaintId}/actions`, body: note }),
  },

  // Issue #14: delivery channels and the outbox, an administrator's routes per company.
  'GET /api/channels': {
    kind: 'list',
    allowed: cap('channels.manage'),
    call: () => ({ method: 'GET', url: '/api/channels' }),
    shows: (f) => [f.channelId],
  },
  'POST /api/channels': {
    kind: 'node',
    allowed: cap('channels.manage'),
    call: (f) => ({
      method: 'POST',
      url: '/api/channels',
      body: { companyId: f.companyId, kind: 'wecom', name: '矩阵机器人', url: 'http://127.0.0.1:9/wecom' },
    }),
  },
  'PATCH /api/channels/{id}': {
    kind: 'resource',
    allowed: cap('channels.manage'),
    capabilityFirst: true,
    call: (f) => ({ method: 'PATCH', url: `/api/channels/${f.channelId}`, body: { name: '矩阵改名' } }),
  },
  'POST /api/channels/{id}/test': {
    kind: 'resource',
    allowed: cap('channels.manage'),
    capabilityFirst: true,
    call: (f) => ({ method: 'POST', url: `/api/channels/${f.channelId}/test` }),
  },
  'DELETE /api/channels/{id}': {
    kind: 'resource',
    allowed: cap('channels.manage'),
    capabilityFirst: true,
    call: () => ({ method: 'DELETE', url: '/api/channels/00000000-0000-0000-0000-000000000000' }),
  },
  'GET /api/outbox': {
    kind: 'list',
    allowed: cap('channels.manage'),
    call: () => ({ method: 'GET', url: '/api/outbox?state=failed' }),
    shows: (f) => [f.outboxId],
  },
  'POST /api/outbox/{id}/retry': {
    kind: 'resource',
    allowed: cap('channels.manage'),
    capabilityFirst: true,
    call: (f) => ({ method: 'POST', url: `/api/outbox/${f.outboxId}/retry` }),
  },
  // Issue #14 item 6: the e-mail intake's mailboxes per unit and what they took, an administrator's routes.
  'GET /api/mailboxes': {
    kind: 'list',
    allowed: cap('mailboxes.manage'),
    call: () => ({ method: 'GET', url: '/api/mailboxes' }),
    shows: (f) => [f.mailboxId],
  },
  'POST /api/mailboxes': {
    kind: 'node',
    allowed: cap('mailboxes.manage'),
    call: (f) => ({ method: 'POST', url: '/api/mailboxes', body: { unitId: f.unitId, url: 'imap://matrix:pw@127.0.0.1:9/INBOX' } }),
  },
  'PATCH /api/mailboxes/{id}': {
    kind: 'resource',
    allowed: cap('mailboxes.manage'),
    capabilityFirst: true,
    call: (f) => ({ method: 'PATCH', url: `/api/mailboxes/${f.mailboxId}`, body: { enabled: false } }),
  },
  'GET /api/mail-intake': {
    kind: 'list',
    allowed: cap('mailboxes.manage'),
    call: () => ({ method: 'GET', url: '/api/mail-intake?outcome=rejected' }),
    shows: (f) => [f.intakeMessageId],
  },
  'GET /api/complaints/{id}/notifications': {
    kind: 'resource',
    allowed: cap('complaint.read'),
    call: (f) => ({ method: 'GET', url: `/api/complaints/${f.complaintId}/notifications` }),
  },
  'GET /api/complaints/{id}/customer-messages': {
    kind: 'resource',
    allowed: cap('complaint.read'),
    call: (f) => ({ method: 'GET', url: `/api/complaints/${f.complaintId}/customer-messages` }),
  },
  'GET /api/units/{id}/customer-messages': {
    kind: 'node',
    allowed: cap('channels.manage'),
    call: (f) => ({ method: 'GET', url: `/api/units/${f.unitId}/customer-messages` }),
  },
  'PUT /api/units/{id}/customer-messages': {
    kind: 'node',
    allowed: cap('channels.manage'),
    call: (f) => ({
      method: 'PUT',
      url: `/api/units/${f.unitId}/customer-messages`,
      body: { receipt: true, reply: true, visitInvitation: true },
    }),
  },
  'GET /api/me/preferences': { kind: 'self', call: () => ({ method: 'GET', url: '/api/me/preferences' }) },
  'PATCH /api/me/preferences': { kind: 'self', call: () => ({ method: 'PATCH', url: '/api/me/preferences', body: { notifyEmail: true } }) },

  'GET /api/stats/dashboard': {
    kind: 'list',
    allowed: cap('dashboard.read'),
    call: () => ({ method: 'GET', url: '/api/stats/dashboard' }),
  },
  'GET /api/inbox': { kind: 'list', allowed: everyone, call: () => ({ method: 'GET', url: '/api/inbox' }) },
  'GET /api/inbox/unread-count': { kind: 'self', call: () => ({ method: 'GET', url: '/api/inbox/unread-count' }) },
  'POST /api/inbox/read-all': { kind: 'self', call: () => ({ method: 'POST', url: '/api/inbox/read-all' }) },
  'POST /api/inbox/{id}/read': {
    kind: 'self',
    // Nobody's notification, then the caller's own only: another's answers 404 like an unknown one (test/http/inbox.test.ts).
    call: () => ({ method: 'POST', url: '/api/inbox/00000000-0000-4000-8000-000000000000/read' }),
  },

  'GET /api/reports/periodic': {
    kind: 'node',
    allowed: cap('report.read'),
    call: (f) => ({ method: 'GET', url: `/api/reports/periodic?nodeId=${f.companyId}&${period}` }),
  },
  'GET /api/reports/periodic.xlsx': {
    kind: 'node',
    allowed: cap('report.read'),
    call: (f) => ({ method: 'GET', url: `/api/reports/periodic.xlsx?nodeId=${f.companyId}&${period}` }),
  },
  'GET /api/reports/periodic.html': {
    kind: 'node',
    allowed: cap('report.read'),
    call: (f) => ({ method: 'GET', url: `/api/reports/periodic.html?nodeId=${f.unitId}&${period}` }),
  },
  // Issue #15: the packs' report schedules and one schedule's report.
  'GET /api/reports/schedules': {
    kind: 'node',
    allowed: cap('report.read'),
    call: (f) => ({ method: 'GET', url: `/api/reports/schedules?nodeId=${f.companyId}` }),
  },
  'GET /api/reports/scheduled': {
    kind: 'node',
    allowed: cap('report.read'),
    call: (f) => ({
      method: 'GET',
      url: `/api/reports/scheduled?nodeId=${f.companyId}&policyId=real-estate&scheduleId=monthly&period=2026-11-15`,
    }),
  },
  'GET /api/reports/kpi': {
    kind: 'node',
    allowed: cap('kpi.read'),
    call: (f) => ({ method: 'GET', url: `/api/reports/kpi?nodeId=${f.companyId}&quarter=2026Q4` }),
  },

  // Each fixture's user exported its own unit's queue: the log shows the exporter's e-mail and the filters.
  'GET /api/export-log': {
    kind: 'list',
    allowed: cap('exportlog.read'),
    call: () => ({ method: 'GET', url: '/api/export-log?limit=200' }),
    shows: (f) => [f.userEmail, f.unitId],
  },
  'GET /api/users': {
    kind: 'list',
    allowed: cap('users.manage'),
    call: () => ({ method: 'GET', url: '/api/users' }),
    shows: (f) => [f.userEmail],
  },
  'POST /api/users': {
    kind: 'node',
    allowed: cap('users.manage'),
    call: (f) => ({
      method: 'POST',
      url: '/api/users',
      body: {
        email: `new-${crypto.randomUUID()}@plaint.test`,
        name: '新用户',
        role: 'agent',
        orgNodeId: f.companyId,
        password: 'a-long-password-7',
      },
    }),
  },
  'GET /api/users/{id}': {
    kind: 'resource',
    allowed: cap('users.manage'),
    capabilityFirst: true,
    call: (f) => ({ method: 'GET', url: `/api/users/${f.userId}` }),
  },
  'PATCH /api/users/{id}': {
    kind: 'resource',
    allowed: cap('users.manage'),
    capabilityFirst: true,
    call: (f) => ({ method: 'PATCH', url: `/api/users/${f.userId}`, body: { name: '改名测试' } }),
  },
  // Issue #16 item 3: invitations, resets, unlock and another user's tokens.
  'POST /api/users/{id}/invite': {
    kind: 'resource',
    allowed: cap('users.manage'),
    capabilityFirst: true,
    call: (f) => ({ method: 'POST', url: `/api/users/${f.userId}/invite` }),
  },
  'POST /api/users/{id}/password-reset': {
    kind: 'resource',
    allowed: cap('users.manage'),
    capabilityFirst: true,
    call: (f) => ({ method: 'POST', url: `/api/users/${f.userId}/password-reset` }),
  },
  'POST /api/users/{id}/unlock': {
    kind: 'resource',
    allowed: cap('users.manage'),
    capabilityFirst: true,
    call: (f) => ({ method: 'POST', url: `/api/users/${f.userId}/unlock` }),
  },
  'GET /api/users/{id}/tokens': {
    kind: 'resource',
    allowed: cap('users.manage'),
    capabilityFirst: true,
    call: (f) => ({ method: 'GET', url: `/api/users/${f.userId}/tokens` }),
  },
  'DELETE /api/users/{id}/tokens/{tokenId}': {
    kind: 'resource',
    allowed: cap('users.manage'),
    capabilityFirst: true,
    call: (f) => ({ method: 'DELETE', url: `/api/users/${f.userId}/tokens/00000000-0000-0000-0000-000000000000` }),
  },

  'POST /api/complaints/{id}/attachments': {
    kind: 'resource',
    allowed: cap('attachment.add'),
    call: (f) => ({ method: 'POST', url: `/api/complaints/${f.complaintId}/attachments`, multipart: true }),
  },
  'GET /api/complaints/{id}/attachments': {
    kind: 'resource',
    allowed: cap('complaint.read'),
    call: (f) => ({ method: 'GET', url: `/api/complaints/${f.complaintId}/attachments` }),
  },
  'GET /api/attachments/{id}': {
    kind: 'resource',
    allowed: cap('complaint.read'),
    call: (f) => ({ method: 'GET', url: `/api/attachments/${f.attachmentId}` }),
  },
  'GET /api/admin/event-log/verify': {
    kind: 'list',
    allowed: cap('eventlog.verify'),
    call: () => ({ method: 'GET', url: '/api/admin/event-log/verify' }),
  },
  // The installation's backups: a schedule and file names, nothing of any company's records.
  'GET /api/admin/backups': { kind: 'list', allowed: cap('backup.read'), call: () => ({ method: 'GET', url: '/api/admin/backups' }) },

  'POST /api/complaints/{id}/special-report': {
    kind: 'resource',
    allowed: (r) => roleHas(r, 'complaint.act') && roleHas(r, 'special_report.write'),
    call: (f) => ({ method: 'POST', url: `/api/complaints/${f.complaintId}/special-report` }),
  },
  'PUT /api/complaints/{id}/special-report': {
    kind: 'resource',
    allowed: (r) => roleHas(r, 'complaint.act') && roleHas(r, 'special_report.write'),
    call: (f) => ({ method: 'PUT', url: `/api/complaints/${f.complaintId}/special-report`, body: { summary: '矩阵' } }),
  },
  'GET /api/complaints/{id}/special-report': {
    kind: 'resource',
    allowed: cap('complaint.read'),
    call: (f) => ({ method: 'GET', url: `/api/complaints/${f.complaintId}/special-report` }),
  },
  'POST /api/complaints/{id}/special-report/approve': {
    kind: 'resource',
    allowed: (r) => roleHas(r, 'complaint.act') && roleHas(r, 'special_report.approve'),
    call: (f) => ({ method: 'POST', url: `/api/complaints/${f.complaintId}/special-report/approve` }),
  },
  'GET /api/complaints/{id}/special-report.xlsx': {
    kind: 'resource',
    allowed: cap('complaint.read'),
    call: (f) => ({ method: 'GET', url: `/api/complaints/${f.complaintId}/special-report.xlsx` }),
  },
  'GET /api/complaints/{id}/special-report.html': {
    kind: 'resource',
    allowed: cap('complaint.read'),
    call: (f) => ({ method: 'GET', url: `/api/complaints/${f.complaintId}/special-report.html` }),
  },
  'POST /api/complaints/{id}/progress': {
    kind: 'resource',
    allowed: cap('complaint.act'),
    call: (f) => ({ method: 'POST', url: `/api/complaints/${f.complaintId}/progress`, body: { text: '进展' } }),
  },
  'GET /api/complaints/{id}/progress': {
    kind: 'resource',
    allowed: cap('complaint.read'),
    call: (f) => ({ method: 'GET', url: `/api/complaints/${f.complaintId}/progress` }),
  },
  'GET /api/casework/reminders': {
    kind: 'list',
    allowed: cap('complaint.read'),
    call: () => ({ method: 'GET', url: '/api/casework/reminders' }),
  },
  'POST /api/complaints/{id}/compensations': {
    kind: 'resource',
    allowed: cap('compensation.record'),
    call: (f) => ({
      method: 'POST',
      url: `/api/complaints/${f.complaintId}/compensations`,
      body: { entryId: 'c', items: '豆干 1 包', giftQuantity: 1, affectedQuantity: 1 },
    }),
  },
  'POST /api/complaints/{id}/emergency': {
    kind: 'resource',
    allowed: cap('complaint.act'),
    call: (f) => ({ method: 'POST', url: `/api/complaints/${f.complaintId}/emergency`, body: { team: ['值班经理'] } }),
  },
  'GET /api/complaints/{id}/emergency': {
    kind: 'resource',
    allowed: cap('complaint.read'),
    call: (f) => ({ method: 'GET', url: `/api/complaints/${f.complaintId}/emergency` }),
  },
  'POST /api/complaints/{id}/emergency/actions': {
    kind: 'resource',
    allowed: cap('complaint.act'),
    call: (f) => ({ method: 'POST', url: `/api/complaints/${f.complaintId}/emergency/actions`, body: { text: '到场' } }),
  },
  'POST /api/complaints/{id}/emergency/review': {
    kind: 'resource',
    allowed: cap('complaint.act'),
    call: (f) => ({
      method: 'POST',
      url: `/api/complaints/${f.complaintId}/emergency/review`,
      body: { findings: '复盘', planChanges: '' },
    }),
  },
  'POST /api/complaints/{id}/capa': {
    kind: 'resource',
    allowed: cap('complaint.act'),
    call: (f) => ({ method: 'POST', url: `/api/complaints/${f.complaintId}/capa`, body: {} }),
  },
  'PUT /api/complaints/{id}/capa': {
    kind: 'resource',
    allowed: cap('complaint.act'),
    call: (f) => ({ method: 'PUT', url: `/api/complaints/${f.complaintId}/capa`, body: { containment: '隔离' } }),
  },
  'GET /api/complaints/{id}/capa': {
    kind: 'resource',
    allowed: cap('complaint.read'),
    call: (f) => ({ method: 'GET', url: `/api/complaints/${f.complaintId}/capa` }),
  },
  'POST /api/complaints/{id}/capa/actions': {
    kind: 'resource',
    allowed: cap('complaint.act'),
    call: (f) => ({
      method: 'POST',
      url: `/api/complaints/${f.complaintId}/capa/actions`,
      body: { description: '整改', owner: '生产部', dueDate: '2026-12-30' },
    }),
  },
  'POST /api/complaints/{id}/capa/actions/{actionId}/done': {
    kind: 'resource',
    allowed: cap('complaint.act'),
    call: (f) => ({ method: 'POST', url: `/api/complaints/${f.complaintId}/capa/actions/${f.capaActionId}/done` }),
  },
  'POST /api/complaints/{id}/capa/verify': {
    kind: 'resource',
    allowed: cap('complaint.act'),
    call: (f) => ({ method: 'POST', url: `/api/complaints/${f.complaintId}/capa/verify`, body: { effective: true, evidence: '复检' } }),
  },
  'POST /api/complaints/{id}/returns': {
    kind: 'resource',
    allowed: cap('complaint.act'),
    call: (f) => ({
      method: 'POST',
      url: `/api/complaints/${f.complaintId}/returns`,
      body: { product: '轴承', quantity: 2, reason: '尺寸' },
    }),
  },
  'GET /api/complaints/{id}/returns': {
    kind: 'resource',
    allowed: cap('complaint.read'),
    call: (f) => ({ method: 'GET', url: `/api/complaints/${f.complaintId}/returns` }),
  },
  'POST /api/returns/{id}/inspect': {
    kind: 'resource',
    allowed: (r) => roleHas(r, 'complaint.act') && roleHas(r, 'return.inspect'),
    call: (f) => ({
      method: 'POST',
      url: `/api/returns/${f.returnId}/inspect`,
      body: { result: 'confirmed', defectiveQuantity: 1, findings: '超差' },
    }),
  },
  'POST /api/returns/{id}/dispose': {
    kind: 'resource',
    allowed: (r) => roleHas(r, 'complaint.act') && roleHas(r, 'return.dispose'),
    call: (f) => ({ method: 'POST', url: `/api/returns/${f.returnId}/dispose`, body: { disposition: 'rework' } }),
  },
  'POST /api/complaints/{id}/case': {
    kind: 'resource',
    allowed: cap('complaint.act'),
    call: (f) => ({ method: 'POST', url: `/api/complaints/${f.complaintId}/case`, body: { classification: '矩阵', lessons: '经验' } }),
  },
  'GET /api/cases': {
    kind: 'list',
    allowed: cap('complaint.read'),
    call: () => ({ method: 'GET', url: '/api/cases' }),
    shows: (f) => [f.caseId],
  },
  'GET /api/cases/patterns': { kind: 'list', allowed: cap('complaint.read'), call: () => ({ method: 'GET', url: '/api/cases/patterns' }) },
  'GET /api/cases/{id}': {
    kind: 'resource',
    allowed: cap('complaint.read'),
    call: (f) => ({ method: 'GET', url: `/api/cases/${f.caseId}` }),
  },

  // The ledger's default unit is the node: out of scope it is unknown (404), as for POST /api/complaints.
  'POST /api/imports': {
    kind: 'node',
    allowed: cap('complaint.import'),
    call: (f) => ({ method: 'POST', url: '/api/imports?dryRun=true', multipart: () => ledgerUpload(f.unitId) }),
  },
};

function ledgerUpload(unitId: string): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----matrix${Math.random().toString(16).slice(2)}`;
  const field = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const head =
    field('mapping', JSON.stringify({ title: '标题', content: '内容' })) +
    field('defaults', JSON.stringify({ unitId, channel: 'phone', receivedAt: '2026-11-01' })) +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="台账.csv"\r\nContent-Type: text/csv\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), Buffer.from('标题,内容\n矩阵,导入\n'), Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

let t: TestApp;
let IN: Fixture;
let OUT: Fixture;
let operations: string[] = [];
const tokens = new Map<Role, string>();

function pngUpload(): { payload: Buffer; headers: Record<string, string> } {
  // The smallest valid PNG (1×1): the upload's content check accepts it.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  const boundary = `----matrix${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.png"\r\nContent-Type: image/png\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, png, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function send(token: string | null, r: Req) {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (r.multipart) {
    const m = typeof r.multipart === 'function' ? r.multipart() : pngUpload();
    return t.app.inject({ method: r.method, url: r.url, payload: m.payload, headers: { ...headers, ...m.headers } });
  }
  return t.app.inject({ method: r.method, url: r.url, payload: r.body as never, headers });
}

async function asAdmin(method: Req['method'], url: string, body?: unknown) {
  const res = await t.api(method, url, body, { role: 'admin' });
  assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** One complaint at `unitId` walked to closure, with every casework object the matrix needs. */
async function fixture(unitId: string, companyId: string, dept: string): Promise<Fixture> {
  const created = await asAdmin('POST', '/api/complaints', {
    unitId,
    channel: 'phone',
    customer: { name: '张伟', phone: '13800138000', email: 'zhangwei@example.com' },
    title: '矩阵测试投诉',
    content: '热线多次无人接听。',
  });
  const id = created.id as string;
  const act = (body: Record<string, unknown>, role = 'admin') => t.api('POST', `/api/complaints/${id}/actions`, body, { role });
  await asAdmin('POST', `/api/complaints/${id}/actions`, { type: 'qualify', result: 'valid' });
  await asAdmin('POST', `/api/complaints/${id}/actions`, { type: 'dispatch', leadDepartmentId: dept });
  const m = pngUpload();
  const up = await t.app.inject({
    method: 'POST',
    url: `/api/complaints/${id}/attachments`,
    payload: m.payload,
    headers: { ...m.headers, authorization: `Bearer ${await t.token('admin')}` },
  });
  assert.equal(up.statusCode, 201, up.body);
  await asAdmin('POST', `/api/complaints/${id}/capa`, { team: ['品质工程师'], containment: '隔离' });
  const withAction = await asAdmin('POST', `/api/complaints/${id}/capa/actions`, {
    description: '整改',
    owner: '生产部',
    dueDate: '2026-12-30',
  });
  const ret = await asAdmin('POST', `/api/complaints/${id}/returns`, { product: '轴承', quantity: 2, reason: '尺寸' });
  // Forward to closure, whatever approvals the unit's pack asks for on the way.
  const steps: [Record<string, unknown>, string][] = [
    [{ type: 'acknowledge' }, 'admin'],
    [
      {
        type: 'report',
        cause: '排班不足',
        sequence: '核查',
        responsible: '综合业务部',
        conclusion: '有效',
        countermeasures: '增加排班',
        prevention: '预警',
      },
      'admin',
    ],
    [{ type: 'reply', message: '已处理。' }, 'admin'],
    [{ type: 'approve_reply' }, 'manager'],
    [{ type: 'confirm' }, 'admin'],
    [{ type: 'visit', score: 4 }, 'admin'],
    [{ type: 'close' }, 'admin'],
  ];
  for (const [body, role] of steps) {
    // Read as the one who acts: the reply's author is never offered its approval (R-LC-5).
    const allowed = (await t.api('GET', `/api/complaints/${id}`, undefined, { role })).json().allowedActions as string[];
    if (allowed.includes(body.type as string)) assert.equal((await act(body, role)).statusCode, 200, `${String(body.type)} at ${unitId}`);
  }
  const kase = await asAdmin('POST', `/api/complaints/${id}/case`, { classification: '热线接通率', lessons: '高峰排班不足。' });
  const email = `matrix-target-${companyId}@plaint.test`;
  await ensureUser(t.deps, { email, name: '目标用户', password: PASSWORD, role: 'agent', orgNodeId: companyId });
  const users = (await asAdmin('GET', '/api/users')) as { users?: { id: string; email: string }[] } | { id: string; email: string }[];
  const list = Array.isArray(users) ? users : (users.users ?? []);
  const user = list.find((u) => u.email === email);
  assert.ok(user, `user ${email} listed`);
  const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: PASSWORD } });
  const tok = await t.app.inject({
    method: 'POST',
    url: '/api/auth/tokens',
    payload: { name: 'target' },
    headers: { authorization: `Bearer ${login.json().token}` },
  });
  assert.equal(tok.statusCode, 201, tok.body);
  const exported = await t.app.inject({
    method: 'GET',
    url: `/api/complaints/export.csv?unitId=${unitId}`,
    headers: { authorization: `Bearer ${login.json().token}` },
  });
  assert.equal(exported.statusCode, 200, exported.body);
  const channel = await asAdmin('POST', '/api/channels', {
    companyId,
    kind: 'webhook',
    name: `矩阵 ${companyId}`,
    url: 'http://127.0.0.1:9/hook',
  });
  const [outboxId] = await insertOutbox(t.deps.db, [
    {
      notification_id: null,
      complaint_id: id,
      channel_id: channel.id as string,
      transport: 'webhook',
      recipient: 'matrix',
      payload: { body: {} },
    },
  ]);
  await t.deps.db.updateTable('outbox').set({ state: 'failed', last_error: 'matrix' }).where('id', '=', outboxId).execute();
  const mailbox = await asAdmin('POST', '/api/mailboxes', { unitId, url: 'imap://matrix:pw@127.0.0.1:9/INBOX' });
  const intakeMessageId = `<matrix-${unitId}@example.com>`;
  await recordTaken(t.deps.db, {
    mailbox_id: mailbox.id as string,
    message_id: intakeMessageId,
    uid: 1,
    from_address: 'matrix@example.com',
    subject: 'matrix',
    sent_at: null,
    taken_at: new Date('2026-11-24T02:00:00.000Z'),
    size: 10,
    outcome: 'rejected',
    complaint_id: null,
    reason: 'no sender address (From)',
    attachments: [],
  });
  return {
    unitId,
    companyId,
    complaintId: id,
    channelId: channel.id as string,
    outboxId,
    mailboxId: mailbox.id as string,
    intakeMessageId,
    code: created.code as string,
    attachmentId: up.json().id as string,
    capaActionId: (withAction.actions as { id: string }[])[0].id,
    returnId: ret.id as string,
    caseId: kase.id as string,
    userId: user.id,
    userEmail: email,
    tokenId: tok.json().id as string,
  };
}

before(async () => {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('组织');
  sheet.addRow(['名称', '类型', '上级']);
  sheet.addRow(['矩阵导入部门', '部门', 'u-svc']);
  orgWorkbookBytes = Buffer.from(await wb.xlsx.writeBuffer());
  t = await createTestApp({ now: '2026-11-24T02:00:00.000Z' });
  IN = await fixture('u-svc', 'co-svc', 'u-svc-general');
  OUT = await fixture('u-re-garden', 'co-re', 'u-re-garden-eng');
  for (const role of ROLES) {
    const email = `matrix-${role}@plaint.test`;
    await ensureUser(t.deps, {
      email,
      name: `矩阵 ${role}`,
      password: PASSWORD,
      role,
      orgNodeId: ROLE_SCOPE[role] === 'department' ? 'u-svc-general' : 'co-svc',
    });
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: PASSWORD } });
    assert.equal(res.statusCode, 200, res.body);
    tokens.set(role, res.json().token);
  }
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  operations = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
});
after(async () => t.close());

test('every operation of the OpenAPI document has an entry in the authorisation matrix, and every entry an operation (#19)', () => {
  assert.ok(operations.length > 60, `the document lists the API (${operations.length} operations)`);
  assert.deepEqual(
    operations.filter((o) => !MATRIX[o]),
    [],
    'operations without a matrix entry: decide who may call them, in and out of scope',
  );
  assert.deepEqual(
    Object.keys(MATRIX).filter((o) => !operations.includes(o)),
    [],
    'matrix entries for operations that no longer exist',
  );
});

test('public operations answer without a login', async () => {
  for (const [op, e] of Object.entries(MATRIX)) {
    if (e.kind !== 'public') continue;
    const [method, path] = op.split(' ');
    const res = await t.app.inject({ method: method as Req['method'], url: path, payload: method === 'GET' ? undefined : {} });
    assert.ok(res.statusCode !== 401 && res.statusCode < 500, `${op} without a login: ${res.statusCode} ${res.body}`);
  }
});

test('every operation that is not public answers 401 without a login', async () => {
  for (const [op, e] of Object.entries(MATRIX)) {
    if (e.kind === 'public') continue;
    const anonymous = e.kind === 'self' || e.kind === 'list' ? e.call() : e.call(IN);
    assert.equal((await send(null, anonymous)).statusCode, 401, `${op} without a login`);
  }
});

/** A 404 that names the complaint (or the node) means the scope check refused it. */
function refusedAsUnknown(body: string): boolean {
  return /not found/.test(body);
}

for (const role of ROLES) {
  test(`'${role}' across every operation: out of scope → 404, refused by the permission table → 403, allowed → past authorisation (R-IN-4, R-LC-5)`, async () => {
    const token = tokens.get(role)!;
    const department = ROLE_SCOPE[role] === 'department';
    for (const [op, e] of Object.entries(MATRIX)) {
      if (e.kind === 'public') continue;
      if (e.kind === 'self') {
        if (op === 'POST /api/auth/logout') continue; // would end the session the rest of the walk uses; test/security2/sessions.test.ts
        const res = await send(token, e.call());
        assert.ok(![401, 403].includes(res.statusCode) && res.statusCode < 500, `${role} ${op}: ${res.statusCode} ${res.body}`);
        if (e.other) assert.equal((await send(token, e.other(OUT))).statusCode, 404, `${role} ${op} on another user's object`);
        continue;
      }
      if (e.kind === 'list') {
        const res = await send(token, e.call());
        if (!e.allowed(role)) {
          assert.equal(res.statusCode, 403, `${role} ${op}: ${res.body}`);
          continue;
        }
        assert.equal(res.statusCode, 200, `${role} ${op}: ${res.body}`);
        const body = e.text ? await e.text(res.rawPayload) : res.body;
        for (const leak of [OUT.complaintId, OUT.code, OUT.caseId, OUT.userEmail, OUT.unitId, OUT.companyId]) {
          assert.ok(!body.includes(leak), `${role} ${op} shows '${leak}' of another company`);
        }
        for (const shown of e.shows?.(IN) ?? []) {
          // A department sees its dispatched complaints and its own units' chain, not users or cases of the company.
          if (!department || op.startsWith('GET /api/complaints') || op === 'GET /api/units')
            assert.ok(body.includes(shown), `${role} ${op} lists '${shown}' in its scope`);
        }
        continue;
      }
      // A resource is looked up in scope first (404), so a refusal never confirms that it exists; a
      // node route checks the capability first (403), then the node's scope (404 as for an unknown node).
      const out = await send(token, e.call(OUT));
      const outExpected = (e.kind === 'node' || e.capabilityFirst) && !e.allowed(role) ? 403 : 404;
      assert.equal(out.statusCode, outExpected, `${role} ${op} out of scope: ${out.statusCode} ${out.body}`);
      if (outExpected === 404)
        assert.ok(refusedAsUnknown(out.body), `${role} ${op} out of scope answers as for an unknown id: ${out.body}`);
      const inScope = !(e.kind === 'node' && department && !e.departmentsRead);
      const res = await send(token, e.call(IN));
      if (!e.allowed(role)) {
        assert.equal(res.statusCode, 403, `${role} ${op} in scope, refused by the table: ${res.statusCode} ${res.body}`);
      } else if (!inScope) {
        assert.equal(res.statusCode, 404, `${role} ${op}: a department owns no node (${res.body})`);
      } else {
        assert.ok(res.statusCode < 500 && ![401, 403].includes(res.statusCode), `${role} ${op} in scope: ${res.statusCode} ${res.body}`);
        if (res.statusCode === 404)
          assert.ok(
            !/"message":"(complaint|org node|unit) '/.test(res.body),
            `${role} ${op}: the in-scope target itself is not hidden: ${res.body}`,
          );
      }
    }
  });
}

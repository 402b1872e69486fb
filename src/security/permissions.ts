/**
 * The permission table, written once as data. The server enforces it through `authorize.ts`, the
 * complaint page shows only the actions it allows, and docs/SECURITY.md is generated from it
 * (test/security/permission-doc.test.ts fails when the doc and this table disagree).
 *
 * Anything not listed is denied: a new role, capability or lifecycle action does nothing until
 * someone decides here who may use it (test/security/permissions.test.ts names the missing entries).
 */
import type { ActionType } from '../domain/lifecycle/index.ts';
import { REPLY_APPROVER_ROLES } from '../policies/pack-schema.ts';

export const ROLES = ['agent', 'specialist', 'handler', 'qa', 'manager', 'admin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  agent: 'service-centre agent (客服专员)',
  specialist: "a unit's complaint specialist (项目客服专员)",
  handler: 'department handler (责任部门处理人)',
  qa: 'quality manager (品质主管)',
  manager: 'complaint manager (客服经理)',
  admin: 'administrator (系统管理员)',
  auditor: 'auditor, read-only (审计)',
};

/** What a route needs, besides the complaint being in the user's scope. */
export const CAPABILITIES = {
  'complaint.create': 'register a complaint for a unit in scope',
  'complaint.read': 'list, search and open complaints in scope (events, assessment)',
  'complaint.export': 'export a queue view in scope as CSV or xlsx (contacts masked unless contact.view; each export in the export log)',
  'complaint.act': 'take lifecycle actions (which ones: the action table)',
  'compensation.record':
    "record compensation given on a complaint in scope with its approver; the approver's positions must reach the pack's authority tier (S0 food 9.2, issue #15 item 5)",
  'contact.view': "see the customer's unmasked phone and e-mail (R-IN-4)",
  'calendar.edit': "edit a unit's business calendar",
  'dashboard.read': 'dashboard counts over the complaints in scope',
  'report.read': 'read periodic reports (JSON, printable page, workbook) for an organisation node in scope (R-RP-1)',
  'kpi.read': "read quarterly KPIs for an organisation node in scope: each specialist's name, closure rate and score (R-RS-4)",
  'users.manage':
    'list and create users, change roles and organisation, disable accounts, send invitations and password-reset links, unlock, revoke their API tokens (in scope)',
  'attachment.add': 'attach evidence (images, PDF) to a complaint in scope',
  'eventlog.verify': "check every complaint's event hash chain (tamper evidence)",
  'special_report.write': 'draft, re-draft and edit the special report of a hot / major complaint in scope (R-NT-1)',
  'special_report.approve': 'approve a special report (R-NT-1)',
  'return.inspect': 'inspect returned goods (R-CA-2; S3 5.5.5.1: QA inspects them)',
  'return.dispose': 'decide the disposition of inspected returned goods (R-CA-2; S3 5.5.5.3: 品质主管审核)',
  'complaint.import': 'import a ledger of past complaints (.xlsx, .csv, .tsv) into units in scope (issue #17)',
  'backup.read':
    "see the nightly backups: schedule, the last attempt and its failure reason, the files kept (the installation's, not a node's)",
  'exportlog.read':
    'read the export log: who exported which queue view, when, how many rows, contacts unmasked or not (exports by users in scope)',
  'channels.manage':
    'configure the delivery channels (e-mail, 企业微信 / 钉钉 / 飞书 robots, webhooks) of the companies in scope, see and retry their failed messages, and turn each message to the customers of a unit in scope on or off (issue #14)',
  'mailboxes.manage':
    'configure the IMAP mailboxes of the units in scope (their passwords never shown) and see what the e-mail intake took from them, rejected messages with their reason (issue #14)',
  'policy.tune':
    'tune the policy pack of a company or unit in scope: read its overrides, preview their due instants, save a new version (issue #16 item 4)',
  'org.manage':
    'build and change the organisation tree in scope: add companies, units and departments, rename, move, change a pack, disable, open a unit to the portal, import the tree and its people, read the change log (issue #16)',
  'notifications.unaddressed':
    "receive the notifications of a position nobody holds at the complaint's unit or above (marked unaddressed, issue #14) and see those positions on the dashboard as a configuration problem (a holder without a node: every company's; else the company at or below the holder's node)",
} as const;
export type Capability = keyof typeof CAPABILITIES;

/**
 * Exporting a queue view (issue #17) shows no more than the role already reads page by page: the same
 * complaints in its scope, and the customer's phone and e-mail masked unless the role has contact.view
 * (R-IN-4 protects them, not the complaint's text). So every role that reads complaints may export:
 * a department its dispatched work (masked, as it never sees contacts), an auditor the records it
 * audits (masked). What an export adds is a copy outside the system, so each one is on record (who,
 * which view, how many rows, contacts unmasked or not: the export log, migration 0019).
 */
const EXPORTER: readonly Capability[] = ['complaint.export'];

/** Those who work cases: everything in scope except the approvals kept for managers. */
const CASE_WORKER: readonly Capability[] = [
  'complaint.create',
  'complaint.read',
  'complaint.act',
  'compensation.record',
  'contact.view',
  'dashboard.read',
  'report.read',
  ...EXPORTER,
];
/**
 * KPIs grade people (Vanke 4.1.6: the group's service centre evaluates each specialist's closure rate
 * every quarter), so they are read by those who evaluate and those who audit, not by the specialists
 * being graded. A department works dispatched complaints and reads no unit-level report at all.
 */
const EVALUATOR: readonly Capability[] = ['kpi.read'];

/**
 * The special report (专题报告, R-NT-1) is the service centre's account to the company and the group:
 * "以上通报均由客户服务中心负责报送" (Vanke 5.5.2.6), with the functional departments giving it their
 * professional input (4.4) through their own steps (report, improvement plan, progress). So those who
 * work cases write it and a department handler does not; approving it is the approvers' (R-LC-5).
 */
const REPORT_WRITER: readonly Capability[] = ['special_report.write'];
const REPORT_APPROVER: readonly Capability[] = ['special_report.write', 'special_report.approve'];

/**
 * Importing writes hundreds of complaints at once, already closed or past their deadlines, without the
 * intake's checks on contact details and clocks: it is a migration of a unit's records, done by those
 * who answer for them (the complaint manager) and by the administrator who moves the installation over.
 */
const IMPORTER: readonly Capability[] = ['complaint.import'];

/**
 * The export log says who took which data out of the system; it is read by those who answer for the
 * accounts (the administrator) and by those who audit, not by the exporters themselves.
 */
const EXPORT_AUDITOR: readonly Capability[] = ['exportlog.read'];

/**
 * Notifications reach people through the positions they hold (issue #14); each user reads their own
 * inbox. A position nobody holds is the administrator's to fix, so the administrator receives its
 * notifications (marked unaddressed) and sees the gap on the dashboard.
 */
const INBOX_OVERSEER: readonly Capability[] = ['notifications.unaddressed'];

export const ROLE_CAPABILITIES: Record<Role, readonly Capability[]> = {
  // Evidence (R-IN-2 photos) is added by those who work the case, the department included.
  agent: [...CASE_WORKER, ...EVALUATOR, 'attachment.add', ...REPORT_WRITER],
  specialist: [...CASE_WORKER, 'attachment.add', ...REPORT_WRITER],
  // A department handles what is dispatched to it; it does not talk to the customer (R-LC-5), so it
  // works without the customer's contact details (R-IN-4) and does not register complaints.
  handler: ['complaint.read', 'complaint.act', 'dashboard.read', 'attachment.add', ...EXPORTER],
  // Returned goods are inspected by QA (S3 5.5.5.1) and their disposition is reviewed by the quality
  // manager (S3 5.5.5.3: 品质主管审核), which a complaint manager and the administrator may also do.
  qa: [...CASE_WORKER, ...EVALUATOR, 'calendar.edit', 'attachment.add', ...REPORT_APPROVER, 'return.inspect', 'return.dispose'],
  manager: [...CASE_WORKER, ...EVALUATOR, 'calendar.edit', 'attachment.add', ...REPORT_APPROVER, 'return.dispose', ...IMPORTER],
  admin: [
    ...CASE_WORKER,
    ...EVALUATOR,
    'calendar.edit',
    'users.manage',
    'attachment.add',
    'eventlog.verify',
    ...REPORT_APPROVER,
    'return.inspect',
    'return.dispose',
    ...IMPORTER,
    ...EXPORT_AUDITOR,
    'backup.read',
    ...INBOX_OVERSEER,
    'channels.manage',
    'mailboxes.manage',
    // Only the administrator: the time limits and fines are the organisation's commitments, which the
    // managers and specialists whose timeliness is measured against them should not relax (issue #16 item 4).
    'policy.tune',
    'org.manage',
  ],
  auditor: ['complaint.read', 'dashboard.read', 'report.read', ...EVALUATOR, ...EXPORTER, ...EXPORT_AUDITOR],
};

/**
 * How a role's scope is drawn. `org`: complaints of the units in the subtree of the user's
 * organisation node. `department`: only complaints dispatched to the user's department (lead or
 * co-handling), which is how a department sees its work without seeing the rest of the unit.
 */
export const ROLE_SCOPE: Record<Role, 'org' | 'department'> = {
  agent: 'org',
  specialist: 'org',
  handler: 'department',
  qa: 'org',
  manager: 'org',
  admin: 'org',
  auditor: 'org',
};

/**
 * What a user without an organisation node sees. The administrator created from the environment has
 * none and administers the whole installation; any other role without a node sees nothing rather than
 * everything (fail closed).
 */
export const NODELESS_SCOPE: Record<Role, 'installation' | 'nothing'> = {
  agent: 'nothing',
  specialist: 'nothing',
  handler: 'nothing',
  qa: 'nothing',
  manager: 'nothing',
  admin: 'installation',
  auditor: 'nothing',
};

const WORKERS: readonly Role[] = ['agent', 'specialist', 'qa', 'manager', 'admin'];
/** Approvals are a second pair of eyes (R-LC-5: no promise beyond a unit's authority). */
const APPROVERS: readonly Role[] = ['qa', 'manager', 'admin'];
/**
 * A unit's reply that needs approval is approved by the service centre, which alone answers the
 * customer (R-LC-5): the agent as well as the approvers, never the unit's own specialist. These are the
 * roles that may ever approve; the complaint's pack names which of them do (`replyApproval.approverRoles`,
 * issue #15 item 9: mayApproveReplyUnder).
 */
const REPLY_APPROVERS: readonly Role[] = REPLY_APPROVER_ROLES;

/**
 * Lifecycle action → roles that may take it (on a complaint in their scope, and only where the state
 * machine allows it). Partial on purpose: an action missing here is denied to everyone.
 */
export const ACTION_ROLES: Partial<Record<ActionType, readonly Role[]>> = {
  qualify: WORKERS,
  dispatch: WORKERS,
  // The department's own steps on a dispatched complaint: take it, send it back, investigate, write
  // its improvement plan, ask for more time, leave notes.
  return: [...WORKERS, 'handler'],
  acknowledge: [...WORKERS, 'handler'],
  report: [...WORKERS, 'handler'],
  submit_improvement: [...WORKERS, 'handler'],
  request_extension: [...WORKERS, 'handler'],
  note: [...WORKERS, 'handler'],
  urge: WORKERS,
  // Only the service centre answers the customer (R-LC-5).
  interim_reply: WORKERS,
  reply: WORKERS,
  approve_reply: REPLY_APPROVERS,
  reject_reply: REPLY_APPROVERS,
  // Recorded on the customer's behalf (phone, visit); the portal records them itself.
  confirm: WORKERS,
  dispute: WORKERS,
  visit: WORKERS,
  close: WORKERS,
  reopen: WORKERS,
  contest: WORKERS,
  set_level: APPROVERS,
  // Facts that arise after intake are recorded by whoever learns them: the service centre or the department (issue #15 item 2).
  record_facts: [...WORKERS, 'handler'],
  pause_clock: WORKERS,
  // S0 第五篇 §12.4: 由客服中心直接派人重新调查 — the service centre, not the station's department.
  reinvestigate: WORKERS,
  resume_clock: WORKERS,
  approve_extension: APPROVERS,
  // Moving deadlines after a calendar change is a manager's decision, like an extension.
  recompute_clocks: APPROVERS,
};

export function isRole(role: string): role is Role {
  return (ROLES as readonly string[]).includes(role);
}

export function roleHas(role: string, capability: Capability): boolean {
  return isRole(role) && ROLE_CAPABILITIES[role].includes(capability);
}

/** What the console may offer a role (GET /api/me): the capabilities of the table, nothing derived. */
export function capabilitiesOf(role: string): Capability[] {
  return isRole(role) ? [...ROLE_CAPABILITIES[role]] : [];
}

export function roleMayTake(role: string, action: string): boolean {
  if (!isRole(role) || !roleHas(role, 'complaint.act')) return false;
  return ACTION_ROLES[action as ActionType]?.includes(role) ?? false;
}

/** The actions whose approvers the complaint's pack names (replyApproval.approverRoles). */
export const PACK_APPROVED_ACTIONS: readonly ActionType[] = ['approve_reply', 'reject_reply'];

/**
 * Whether `role` may take `action` on a complaint whose pack lets `approverRoles` decide on replies: the
 * table first, then, for approving or sending back a reply, the pack's list (issue #15 item 9).
 */
export function roleMayTakeUnder(role: string, action: string, approverRoles: readonly string[]): boolean {
  if (!roleMayTake(role, action)) return false;
  return !(PACK_APPROVED_ACTIONS as readonly string[]).includes(action) || approverRoles.includes(role);
}

/**
 * Whether an account change is refused because the actor makes it to their own account: nobody
 * disables themselves or changes their own role, whatever their capabilities, so an administrator can
 * neither lock the installation out by mistake nor be the only one to decide their own powers.
 */
export function selfChangeRefused(
  actorId: string,
  target: { id: string; role: string },
  patch: { disabled?: boolean; role?: string },
): boolean {
  if (target.id !== actorId) return false;
  return patch.disabled === true || (patch.role !== undefined && patch.role !== target.role);
}

/**
 * Whether an account manager of role `actorRole` may give `role` to someone (issue #16 item 3): only a
 * role whose every capability the manager holds, so no one hands out powers they lack. (Today only
 * administrators manage accounts and they hold every capability; the rule keeps a future manager role
 * from granting an administrator.) Giving a node-less account is the installation administrator's alone
 * (src/use-cases/users/manage-users.ts).
 */
export function roleGrantable(actorRole: string, role: string): boolean {
  if (!isRole(actorRole) || !isRole(role)) return false;
  return ROLE_CAPABILITIES[role].every((c) => ROLE_CAPABILITIES[actorRole].includes(c));
}

/**
 * The installation administrator: an administrator placed at no organisation node (issue #16 item 1). Only they
 * set up an installation whose administrator was given by PLAINT_ADMIN_EMAIL.
 */
export function isInstallationAdministrator(user: { role: string; orgNodeId: string | null }): boolean {
  return user.role === 'admin' && user.orgNodeId === null;
}

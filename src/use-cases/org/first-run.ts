/**
 * The first run (issue #16 item 1): on a database without an organisation, the console's setup page
 * creates, in one transaction, the top node (a group with the organisation's name), its first company
 * with the pack it follows, optionally the company's first unit, and — when there is no installation
 * administrator yet — the first administrator, who is then logged in. When PLAINT_ADMIN_EMAIL made
 * one, only that administrator (no node) may run it, and it asks for no account. It runs once: the tree
 * lock and the "no node yet" check inside the transaction make a second or racing setup a 409.
 */
import { countOrgNodes, installationAdminExists, lockOrgTree } from '../../data/org-admin-store.ts';
import { inTransaction } from '../../data/transaction.ts';
import { insertUserUnlessEmailTaken } from '../../data/user-store.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { PACKS } from '../../policies/index.ts';
import { assertPasswordPolicy, createSession, hashPassword, type SessionUser } from '../auth.ts';
import type { Deps } from '../context.ts';
import { EMAIL_TAKEN } from '../users/manage-users.ts';
import { assertPack, createNodeIn, type Editor } from './manage-org-nodes.ts';
import { isInstallationAdministrator } from '../../security/permissions.ts';

export interface SetupStatus {
  /** No organisation node exists: the console shows the setup page instead of the login. */
  needed: boolean;
  /** An installation administrator exists (PLAINT_ADMIN_EMAIL): setup needs their login and asks for no account. */
  adminExists: boolean;
  /** The packs a company may follow (GET /api/policies needs a login, which the first run has not). */
  packs: { id: string; name: string; nameZh: string }[];
}

export async function setupStatus(deps: Deps): Promise<SetupStatus> {
  return {
    needed: (await countOrgNodes(deps.db)) === 0,
    adminExists: await installationAdminExists(deps.db),
    packs: PACKS.map((p) => ({ id: p.id, name: p.name, nameZh: p.nameZh })),
  };
}

export interface SetupInput {
  organisation: { name: string };
  company: { name: string; policyId: string };
  /** The company's first unit, on the company's pack: without one, nothing can receive complaints yet. */
  unit?: { name: string; portal?: boolean };
  /** The first administrator: only when no installation administrator exists. */
  admin?: { email: string; name: string; password: string };
}

export interface SetupResult {
  user: SessionUser;
  /** A new web session for the administrator the setup created (none when the caller was logged in). */
  session: { token: string; expiresAt: Date } | null;
  organisationId: string;
  companyId: string;
  unitId: string | null;
}

const alreadyDone = () => new DomainError('CONFLICT', 'the organisation is set up already: log in and change it on the organisation page');

export async function runSetup(deps: Deps, caller: SessionUser | null, input: SetupInput, sessionHours: number): Promise<SetupResult> {
  if ((await countOrgNodes(deps.db)) > 0) throw alreadyDone();
  assertPack(input.company.policyId, 'company.policyId');
  const adminExists = await installationAdminExists(deps.db);
  let newAdmin: { email: string; name: string; hash: string } | null = null;
  if (adminExists) {
    if (!caller)
      throw new DomainError('UNAUTHENTICATED', 'an installation administrator exists (PLAINT_ADMIN_EMAIL): log in as them to set up');
    if (!isInstallationAdministrator(caller))
      throw new DomainError('FORBIDDEN', 'only the installation administrator (an administrator without an organisation node) sets up');
    if (input.admin) throw invalid('admin', 'an administrator exists already: set up while logged in as them, without a new account');
  } else {
    if (!input.admin) throw invalid('admin', 'is required: the first administrator (email, name, password)');
    const email = input.admin.email.trim().toLowerCase();
    assertPasswordPolicy(input.admin.password, email, 'admin.password');
    // Hashed before the transaction: argon2 takes a moment, and the tree lock is held while it runs.
    newAdmin = { email, name: input.admin.name.trim(), hash: await hashPassword(input.admin.password) };
  }
  const now = deps.now();
  return inTransaction(deps.db, async (trx) => {
    await lockOrgTree(trx);
    if ((await countOrgNodes(trx)) > 0) throw alreadyDone();
    let user: SessionUser;
    if (newAdmin) {
      if (await installationAdminExists(trx)) throw alreadyDone();
      const row = await insertUserUnlessEmailTaken(trx, {
        email: newAdmin.email,
        name: newAdmin.name,
        role: 'admin',
        org_node_id: null,
        password_hash: newAdmin.hash,
        password_changed_at: now,
        created_at: now,
      });
      if (!row) throw new DomainError('CONFLICT', EMAIL_TAKEN.replace(/^email/, 'admin.email'), { field: 'admin.email' });
      user = { id: row.id, email: row.email, name: row.name, role: row.role, orgNodeId: null };
    } else {
      user = caller!;
    }
    const editor: Editor = { id: user.id, role: user.role, orgNodeId: null, name: user.name };
    const everywhere = { orgIds: null, departmentIds: null };
    const at = (prefix: string) => (f: string) => `${prefix}.${f}`;
    const group = await createNodeIn(
      trx,
      editor,
      everywhere,
      { name: input.organisation.name, kind: 'group', parentId: null },
      now,
      at('organisation'),
    );
    const company = await createNodeIn(
      trx,
      editor,
      everywhere,
      { name: input.company.name, kind: 'company', parentId: group.id, policyId: input.company.policyId },
      now,
      at('company'),
    );
    const unit = input.unit
      ? await createNodeIn(
          trx,
          editor,
          everywhere,
          { name: input.unit.name, kind: 'unit', parentId: company.id, portal: input.unit.portal === true },
          now,
          at('unit'),
        )
      : null;
    const session = newAdmin ? await createSession({ ...deps, db: trx }, user.id, 'cookie', sessionHours) : null;
    return { user, session, organisationId: group.id, companyId: company.id, unitId: unit?.id ?? null };
  });
}

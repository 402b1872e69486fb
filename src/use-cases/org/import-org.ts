/**
 * Import of the organisation tree and its people from one workbook (issue #16 item 2): sheet 组织, one
 * row a node (名称, 类型, 上级, 政策包, 开放门户), and sheet 人员, one row a user (邮箱, 姓名, 角色,
 * 所属组织, 岗位). A 上级 or 所属组织 names a node of the file (by its 名称) or an existing node in the
 * caller's scope (by id, or by a name only one such node has).
 *
 * Everything is written in one transaction under the tree lock, through the same checks as POST
 * /api/org-nodes; any wrong row rolls all of it back and every wrong row is listed (sheet, row, column,
 * reason). A dry run does the same work and rolls back at the end, so its answer is exactly what the
 * import would do.
 *
 * Users are created without a usable password (the stored hash is a marker argon2 never verifies):
 * nobody can log in as them until an administrator sets a password or they follow an invitation;
 * the answer lists them as `needsInvite`.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../data/schema.ts';
import type { Db } from '../../data/complaint-store.ts';
import { configSnapshot } from '../../data/config-cache.ts';
import { listOrgNodes, type OrgNode } from '../../data/org-store.ts';
import { lockOrgTree } from '../../data/org-admin-store.ts';
import { inTransaction } from '../../data/transaction.ts';
import { findUserByEmail, insertUserUnlessEmailTaken, replaceUserPositions } from '../../data/user-store.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { NODE_KINDS, type NodeKind } from '../../domain/org/tree-rules.ts';
import { PACKS, findPack } from '../../policies/index.ts';
import { authorize } from '../../security/authorize.ts';
import { ROLES, ROLE_LABELS, type Role, roleHas } from '../../security/permissions.ts';
import { scopeOf } from '../../security/scope.ts';
import type { Deps } from '../context.ts';
import { readXlsxSheets, type TableRow } from '../imports/read-table.ts';
import { createNodeIn, type Editor } from './manage-org-nodes.ts';

export const ORG_SHEET = '组织';
export const PEOPLE_SHEET = '人员';

/** Each column's headers, Chinese first (the template's), then English. */
export const ORG_COLUMNS = {
  name: ['名称', 'name'],
  kind: ['类型', 'kind'],
  parent: ['上级', 'parent'],
  policy: ['政策包', 'policy'],
  portal: ['开放门户', 'portal'],
} as const;
export const PEOPLE_COLUMNS = {
  email: ['邮箱', 'email'],
  name: ['姓名', 'name'],
  role: ['角色', 'role'],
  org: ['所属组织', 'organisation'],
  position: ['岗位', 'position'],
} as const;

const KIND_WORDS: Record<string, NodeKind> = {
  集团: 'group',
  公司: 'company',
  单位: 'unit',
  项目: 'unit',
  门店: 'unit',
  油站: 'unit',
  加油站: 'unit',
  工厂: 'unit',
  部门: 'department',
  班组: 'department',
};
const YES = new Set(['是', 'y', 'yes', 'true', '1', '开放']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '', '不开放']);

export interface RowError {
  sheet: string;
  row: number;
  field: string;
  reason: string;
}

export interface OrgImportResult {
  dryRun: boolean;
  nodes: { row: number; id: string; name: string; kind: NodeKind; parentId: string }[];
  users: { row: number; id: string | null; email: string; role: string; orgNodeId: string }[];
  needsInvite: string[];
}

/** Thrown with every wrong row: the route answers 400 with them; nothing was written. */
export class OrgImportRefused extends DomainError {
  constructor(
    public readonly rows: RowError[],
    /** How many rows were refused because their address is some account's login (rationed like POST /api/users). */
    public readonly takenEmails: number,
  ) {
    super('VALIDATION', `${rows.length} problem${rows.length === 1 ? '' : 's'} in the workbook; nothing was imported`, { field: 'file' });
  }
}

class RollBack extends Error {}

type Columns<K extends string> = Record<K, number | undefined>;

function columnsOf<K extends string>(header: TableRow | undefined, spec: Record<K, readonly string[]>): Columns<K> {
  const cells = (header?.cells ?? []).map((c) => c.trim().toLowerCase());
  const out = {} as Columns<K>;
  for (const key of Object.keys(spec) as K[]) {
    const names = new Set(spec[key].map((h) => h.toLowerCase()));
    const i = cells.findIndex((c) => names.has(c));
    out[key] = i >= 0 ? i : undefined;
  }
  return out;
}

const cell = (row: TableRow, i: number | undefined) => (i === undefined ? '' : (row.cells[i] ?? '').trim());

function parseKind(text: string): NodeKind | null {
  const t = text.trim();
  if ((NODE_KINDS as readonly string[]).includes(t.toLowerCase())) return t.toLowerCase() as NodeKind;
  return KIND_WORDS[t] ?? null;
}

function parsePack(text: string): string | null {
  const t = text.trim();
  if (!t) return null;
  return (findPack(t) ?? PACKS.find((p) => p.nameZh === t || p.name === t))?.id ?? null;
}

/** A role by its id (admin) or its Chinese name as the permission table labels it (系统管理员). */
export function parseRole(text: string): Role | null {
  const t = text.trim();
  if ((ROLES as readonly string[]).includes(t)) return t as Role;
  return ROLES.find((r) => ROLE_LABELS[r].includes(`(${t})`)) ?? null;
}

interface NodeRow {
  row: number;
  name: string;
  kind: NodeKind;
  parent: string;
  policy: string | null;
  portal: boolean;
}

export async function importOrganisation(deps: Deps, editor: Editor, bytes: Buffer, dryRun: boolean): Promise<OrgImportResult> {
  authorize(editor, 'org.manage');
  const sheets = await readXlsxSheets(bytes);
  const orgRows = sheets.get(ORG_SHEET) ?? sheets.get('Organisation');
  const peopleRows = sheets.get(PEOPLE_SHEET) ?? sheets.get('People');
  if (!orgRows && !peopleRows) throw invalid('file', `the workbook needs a sheet '${ORG_SHEET}' or '${PEOPLE_SHEET}'`);
  if (peopleRows?.length && !roleHas(editor.role, 'users.manage'))
    throw new DomainError('FORBIDDEN', `role '${editor.role}' may not create users (sheet ${PEOPLE_SHEET})`);
  const scope = await scopeOf(deps.db, editor);
  const errors: RowError[] = [];
  const orgErr = (row: number, field: string, reason: string) => errors.push({ sheet: ORG_SHEET, row, field, reason });
  const peopleErr = (row: number, field: string, reason: string) => errors.push({ sheet: PEOPLE_SHEET, row, field, reason });
  let takenEmails = 0;
  const TAKEN = 'this address is already the login name of an account';

  // 1. Read and check each row's own cells.
  const nodeRows: NodeRow[] = [];
  if (orgRows?.length) {
    const [header, ...rows] = orgRows;
    const col = columnsOf(header, ORG_COLUMNS);
    for (const key of ['name', 'kind'] as const)
      if (col[key] === undefined) orgErr(header.no, ORG_COLUMNS[key][0], `the header has no column '${ORG_COLUMNS[key][0]}'`);
    for (const r of col.name === undefined || col.kind === undefined ? [] : rows) {
      const name = cell(r, col.name);
      const kindText = cell(r, col.kind);
      const kind = parseKind(kindText);
      const policyText = cell(r, col.policy);
      const policy = parsePack(policyText);
      const portalText = cell(r, col.portal).toLowerCase();
      let ok = true;
      const bad = (field: string, reason: string) => {
        orgErr(r.no, field, reason);
        ok = false;
      };
      if (!name) bad('名称', 'is empty');
      if (!kind) bad('类型', `'${kindText}' is not a kind: 集团, 公司, 单位 (项目), 部门 or group, company, unit, department`);
      if (policyText && !policy) bad('政策包', `'${policyText}' is not a pack: an id or name of GET /api/policies`);
      if (!YES.has(portalText) && !NO.has(portalText)) bad('开放门户', `'${portalText}' is neither 是 nor 否`);
      if (ok) nodeRows.push({ row: r.no, name, kind: kind!, parent: cell(r, col.parent), policy, portal: YES.has(portalText) });
    }
  }
  const fileNames = new Map<string, NodeRow[]>();
  for (const n of nodeRows) fileNames.set(n.name, [...(fileNames.get(n.name) ?? []), n]);

  const result: OrgImportResult = { dryRun, nodes: [], users: [], needsInvite: [] };
  const people = peopleRows?.length ? peopleRows : [];
  try {
    await inTransaction(deps.db as Kysely<DB>, async (trx) => {
      await lockOrgTree(trx);
      const existing = (await listOrgNodes(trx)).filter((n) => scope.orgIds === null || scope.orgIds.has(n.id));
      const created = new Map<NodeRow, OrgNode | null>();
      /** A reference: a node of the file (by name; undefined while not yet made), else an existing node by id or unique name. */
      const resolve = (ref: string): { id: string } | { pending: NodeRow } | { problem: string } => {
        const inFile = fileNames.get(ref);
        if (inFile && inFile.length > 1)
          return { problem: `'${ref}' names ${inFile.length} rows of sheet ${ORG_SHEET} (rows ${inFile.map((n) => n.row).join(', ')})` };
        if (inFile) {
          const made = created.get(inFile[0]);
          if (made === undefined) return { pending: inFile[0] };
          if (made === null) return { problem: `'${ref}' is the node of row ${inFile[0].row}, which is wrong` };
          return { id: made.id };
        }
        const byId = existing.find((n) => n.id === ref);
        if (byId) return { id: byId.id };
        const byName = existing.filter((n) => n.name === ref);
        if (byName.length === 1) return { id: byName[0].id };
        if (byName.length > 1)
          return { problem: `'${ref}' is the name of ${byName.length} nodes: use the id (${byName.map((n) => n.id).join(', ')})` };
        return { problem: `no node '${ref}' in the file or in your organisation` };
      };
      const columnOf: Record<string, string> = { name: '名称', parentId: '上级', policyId: '政策包', portal: '开放门户', kind: '类型' };

      // 2. Nodes, each after its parent: rounds until nothing more can be made.
      let waiting = [...nodeRows];
      while (waiting.length) {
        const next: NodeRow[] = [];
        for (const n of waiting) {
          let parentId: string | null = null;
          if (n.parent) {
            const p = resolve(n.parent);
            if ('pending' in p) {
              next.push(n);
              continue;
            }
            if ('problem' in p) {
              orgErr(n.row, '上级', p.problem);
              created.set(n, null);
              continue;
            }
            parentId = p.id;
          }
          try {
            const node = await createNodeIn(
              trx,
              editor,
              scope,
              { name: n.name, kind: n.kind, parentId, policyId: n.policy ?? undefined, portal: n.portal },
              deps.now(),
              (f) => f,
            );
            created.set(n, node);
            result.nodes.push({ row: n.row, id: node.id, name: node.name, kind: node.kind, parentId: node.parent_id ?? '' });
          } catch (e) {
            if (!(e instanceof DomainError)) throw e;
            const field = e.details.field ?? (e.code === 'NOT_FOUND' ? 'parentId' : 'name');
            orgErr(n.row, columnOf[field] ?? field, e.message.replace(/^\w+: /, ''));
            created.set(n, null);
          }
        }
        if (next.length === waiting.length) {
          for (const n of next) orgErr(n.row, '上级', `'${n.parent}' is made by a row that itself waits for this one (a cycle)`);
          break;
        }
        waiting = next;
      }

      // 3. People.
      if (people.length) {
        const [header, ...rows] = people;
        const col = columnsOf(header, PEOPLE_COLUMNS);
        for (const key of ['email', 'name', 'role', 'org'] as const)
          if (col[key] === undefined) peopleErr(header.no, PEOPLE_COLUMNS[key][0], `the header has no column '${PEOPLE_COLUMNS[key][0]}'`);
        const seen = new Set<string>();
        const config = await configSnapshot(trx);
        for (const r of col.email === undefined || col.name === undefined || col.role === undefined || col.org === undefined ? [] : rows) {
          const email = cell(r, col.email).toLowerCase();
          const name = cell(r, col.name);
          const roleText = cell(r, col.role);
          const role = parseRole(roleText);
          const orgText = cell(r, col.org);
          const positionText = cell(r, col.position);
          let ok = true;
          const bad = (field: string, reason: string) => {
            peopleErr(r.no, field, reason);
            ok = false;
          };
          if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) bad('邮箱', `'${email}' is not an e-mail address`);
          else if (seen.has(email)) bad('邮箱', `'${email}' is on an earlier row too`);
          else if (await findUserByEmail(trx, email)) {
            takenEmails++;
            bad('邮箱', TAKEN);
          }
          seen.add(email);
          if (!name) bad('姓名', 'is empty');
          if (!role) bad('角色', `'${roleText}' is not a role: ${ROLES.join(', ')} or their Chinese names`);
          const org = orgText ? resolve(orgText) : ({ problem: 'is empty' } as const);
          let orgNodeId: string | null = null;
          if ('id' in org) orgNodeId = org.id;
          else bad('所属组织', 'problem' in org ? org.problem : `'${orgText}' is not made`);
          let positionId: string | null = null;
          if (positionText && orgNodeId) {
            const packs = new Set(config.ancestry(orgNodeId).flatMap((id) => config.node(id)?.policy_id ?? []));
            for (const id of config.subtree(orgNodeId)) if (config.node(id)?.policy_id) packs.add(config.node(id)!.policy_id!);
            const found = [...packs]
              .flatMap((p) => findPack(p)?.positions ?? [])
              .find((p) => p.id === positionText || p.nameZh === positionText || p.name === positionText);
            if (!found) bad('岗位', `'${positionText}' is not a position of the pack at '${orgText}'`);
            else positionId = found.id;
          }
          if (!ok) continue;
          const row = await insertUserUnlessEmailTaken(trx as Db, {
            email,
            name,
            role: role!,
            org_node_id: orgNodeId,
            // Invited, as POST /api/users without a password makes them: no password until the owner
            // sets one through POST /api/users/:id/invite's link (src/use-cases/users/invite-user.ts).
            password_hash: null,
            created_at: deps.now(),
          });
          if (!row) {
            takenEmails++;
            peopleErr(r.no, '邮箱', TAKEN);
            continue;
          }
          if (positionId) await replaceUserPositions(trx, row.id, [{ positionId, orgNodeId: orgNodeId! }]);
          result.users.push({ row: r.no, id: row.id, email, role: role!, orgNodeId: orgNodeId! });
          result.needsInvite.push(email);
        }
      }
      if (errors.length || dryRun) throw new RollBack();
    });
  } catch (e) {
    if (!(e instanceof RollBack)) throw e;
  }
  if (errors.length)
    throw new OrgImportRefused(
      errors.sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row),
      takenEmails,
    );
  if (dryRun) for (const u of result.users) u.id = null;
  return result;
}

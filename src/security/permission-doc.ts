/**
 * Renders the permission table (permissions.ts) as the Markdown that docs/SECURITY.md carries between
 * its BEGIN/END markers, so the document is generated from the data the server enforces.
 * Regenerate: `node --import tsx src/security/permission-doc.ts --write`
 * (test/security/permission-doc.test.ts fails when the document is stale).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ACTION_TYPES } from '../domain/lifecycle/index.ts';
import {
  ACTION_ROLES,
  CAPABILITIES,
  NODELESS_SCOPE,
  ROLES,
  ROLE_CAPABILITIES,
  ROLE_LABELS,
  ROLE_SCOPE,
  roleMayTake,
  type Capability,
} from './permissions.ts';

export const BEGIN = '<!-- BEGIN GENERATED PERMISSION TABLE (src/security/permission-doc.ts) -->';
export const END = '<!-- END GENERATED PERMISSION TABLE -->';

const yes = (b: boolean) => (b ? '✓' : '—');

export function renderPermissionTables(): string {
  const head = `| | ${ROLES.join(' | ')} |\n|---|${ROLES.map(() => ':-:').join('|')}|`;
  const roles = ROLES.map(
    (r) =>
      `| \`${r}\` | ${ROLE_LABELS[r]} | ${ROLE_SCOPE[r] === 'org' ? 'units in the subtree of their organisation node' : 'complaints dispatched to their department (lead or co-handling)'} | ${NODELESS_SCOPE[r] === 'installation' ? 'the whole installation' : 'nothing'} |`,
  );
  const caps = (Object.keys(CAPABILITIES) as Capability[]).map(
    (c) => `| \`${c}\` — ${CAPABILITIES[c]} | ${ROLES.map((r) => yes(ROLE_CAPABILITIES[r].includes(c))).join(' | ')} |`,
  );
  const actions = ACTION_TYPES.map(
    (a) => `| \`${a}\`${ACTION_ROLES[a] ? '' : ' (not in the table: denied)'} | ${ROLES.map((r) => yes(roleMayTake(r, a))).join(' | ')} |`,
  );
  return [
    BEGIN,
    '',
    '### Roles and their scope',
    '',
    '| Role | Who | Sees and acts on | Without an organisation node |',
    '|---|---|---|---|',
    ...roles,
    '',
    '### Capabilities (route level)',
    '',
    head,
    ...caps,
    '',
    '### Lifecycle actions (`POST /api/complaints/:id/actions`, and `allowedActions` on the detail)',
    '',
    head,
    ...actions,
    '',
    END,
  ].join('\n');
}

/** The document with its generated block replaced by the current table. */
export function withGeneratedTable(doc: string): string {
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/SECURITY.md lacks the markers ${BEGIN} … ${END}`);
  return doc.slice(0, start) + renderPermissionTables() + doc.slice(end + END.length);
}

export const SECURITY_DOC = fileURLToPath(new URL('../../docs/SECURITY.md', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv.includes('--write')) {
  writeFileSync(SECURITY_DOC, withGeneratedTable(readFileSync(SECURITY_DOC, 'utf8')));
  console.log(`updated ${SECURITY_DOC}`);
}

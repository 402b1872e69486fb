/**
 * The e-mail intake's mailboxes (issue #14, item 6), managed per unit by holders of `mailboxes.manage`,
 * and the default one of PLAINT_IMAP_URL / PLAINT_IMAP_UNIT. The URL carries the mailbox's password: it
 * is stored and never returned (views show it with the password hidden, `urlHint`), and a change that
 * leaves `url` out keeps it.
 */
import type { Deps } from '../context.ts';
import type { UserRef } from '../../security/scope.ts';
import { nodeInScope, scopeOf, type Scope } from '../../security/scope.ts';
import { configSnapshot } from '../../data/config-cache.ts';
import { findMailbox, insertMailbox, listMailboxes, updateMailbox, upsertEnvMailbox, type MailboxRow } from '../../data/mailbox-store.ts';
import { parseImapUrl } from '../../mail/imap-mailbox.ts';
import { invalid, notFound } from '../../domain/errors.ts';
import { urlHint } from '../delivery/channels.ts';

export interface MailboxView {
  id: string;
  unitId: string;
  unitName: string;
  /** The URL with its password hidden. */
  urlHint: string;
  folder: string;
  enabled: boolean;
  /** 'env': the default mailbox of PLAINT_IMAP_URL (its URL and unit are the environment's). */
  source: 'api' | 'env';
  lastPolledAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface MailboxInput {
  unitId: string;
  url: string;
  folder?: string;
  enabled?: boolean;
}

export type MailboxPatch = Partial<Pick<MailboxInput, 'url' | 'folder' | 'enabled'>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function checkUrl(url: string): void {
  try {
    parseImapUrl(url);
  } catch (err) {
    throw invalid('url', (err as Error).message.startsWith('an IMAP URL') ? (err as Error).message : 'is not a URL');
  }
}

function checkFolder(folder: string | undefined): string | undefined {
  if (folder === undefined) return undefined;
  const f = folder.trim();
  if (!f) throw invalid('folder', 'must not be empty');
  return f;
}

async function unitCheck(deps: Deps) {
  const config = await configSnapshot(deps.db);
  return {
    name: (id: string) => config.node(id)?.name ?? id,
    isUnit: (id: string) => config.node(id)?.kind === 'unit',
  };
}

function view(r: MailboxRow, unitName: string): MailboxView {
  return {
    id: r.id,
    unitId: r.unit_id,
    unitName,
    urlHint: urlHint(r.url) ?? '',
    folder: r.folder,
    enabled: r.enabled,
    source: r.source,
    lastPolledAt: iso(r.last_polled_at),
    lastError: r.last_error,
    lastErrorAt: iso(r.last_error_at),
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** The units whose mailboxes the user sees (null: all). */
export function unitsInScope(scope: Scope): string[] | null {
  if (scope.departmentIds) return [];
  return scope.orgIds === null ? null : [...scope.orgIds];
}

/** Start-up: the default mailbox of PLAINT_IMAP_URL at PLAINT_IMAP_UNIT, one row however often the process starts. */
export async function ensureDefaultMailbox(deps: Deps, url: string, unitId: string): Promise<MailboxView> {
  const units = await unitCheck(deps);
  if (!units.isUnit(unitId)) throw notFound(`PLAINT_IMAP_UNIT: unit '${unitId}'`);
  const { folder } = parseImapUrl(url);
  const row = await upsertEnvMailbox(deps.db, { unit_id: unitId, url, folder, now: deps.now() });
  return view(row, units.name(unitId));
}

export async function readMailboxes(deps: Deps, user: UserRef): Promise<MailboxView[]> {
  const [scope, units] = await Promise.all([scopeOf(deps.db, user), unitCheck(deps)]);
  return (await listMailboxes(deps.db, unitsInScope(scope))).map((r) => view(r, units.name(r.unit_id)));
}

export async function addMailbox(deps: Deps, user: UserRef, input: MailboxInput): Promise<MailboxView> {
  const [scope, units] = await Promise.all([scopeOf(deps.db, user), unitCheck(deps)]);
  if (!units.isUnit(input.unitId) || !nodeInScope(scope, input.unitId)) throw notFound(`unit '${input.unitId}'`);
  checkUrl(input.url);
  const url = input.url.trim();
  const folder = checkFolder(input.folder) ?? parseImapUrl(url).folder;
  const row = await insertMailbox(deps.db, { unit_id: input.unitId, url, folder, enabled: input.enabled ?? true, now: deps.now() });
  return view(row, units.name(row.unit_id));
}

export async function changeMailbox(deps: Deps, user: UserRef, id: string, patch: MailboxPatch): Promise<MailboxView> {
  const [scope, units] = await Promise.all([scopeOf(deps.db, user), unitCheck(deps)]);
  const row = UUID.test(id) ? await findMailbox(deps.db, id) : undefined;
  if (!row || !nodeInScope(scope, row.unit_id)) throw notFound(`mailbox '${id}'`);
  if (patch.url !== undefined) checkUrl(patch.url);
  if (row.source === 'env' && (patch.url !== undefined || patch.folder !== undefined))
    throw invalid('url', 'the default mailbox is configured by PLAINT_IMAP_URL; only enabled can be changed here');
  const updated = await updateMailbox(
    deps.db,
    id,
    { url: patch.url?.trim(), folder: checkFolder(patch.folder), enabled: patch.enabled },
    deps.now(),
  );
  if (!updated) throw notFound(`mailbox '${id}'`);
  return view(updated, units.name(updated.unit_id));
}

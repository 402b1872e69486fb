/**
 * Delivery channels, managed per company by holders of `channels.manage` (issue #14, item 3). A secret
 * (robot signing key, webhook HMAC key) is stored and never returned: views say `hasSecret`. A URL can
 * carry a credential too (a robot's access_token or key, an SMTP password), so views show it with its
 * query values and password hidden (`urlHint`), and a change that leaves `url` out keeps it.
 */
import type { Deps } from '../context.ts';
import type { UserRef } from '../../security/scope.ts';
import { scopeOf, nodeInScope } from '../../security/scope.ts';
import { configSnapshot } from '../../data/config-cache.ts';
import { deleteChannel, findChannel, insertChannel, listChannels, updateChannel, type ChannelRow } from '../../data/channel-store.ts';
import { insertOutbox } from '../../data/outbox-store.ts';
import { findUserById } from '../../data/user-store.ts';
import { invalid, notFound } from '../../domain/errors.ts';
import { testMessage } from '../../domain/delivery/plan-outbox.ts';
import type { Transport } from '../../domain/delivery/messages.ts';

export interface ChannelView {
  id: string;
  companyId: string;
  companyName: string;
  kind: Transport;
  name: string;
  /** The URL with its password and query values hidden; null when none is set. */
  urlHint: string | null;
  hasSecret: boolean;
  kinds: string[];
  levels: string[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ChannelInput {
  companyId: string;
  kind: Transport;
  name: string;
  url?: string | null;
  secret?: string | null;
  kinds?: string[];
  levels?: string[];
  enabled?: boolean;
}

export type ChannelPatch = Partial<Omit<ChannelInput, 'companyId' | 'kind'>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function urlHint(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    for (const k of [...u.searchParams.keys()]) u.searchParams.set(k, '***');
    return decodeURIComponent(u.toString());
  } catch {
    return '***';
  }
}

function checkUrl(kind: Transport, url: string | null | undefined): void {
  if (url === undefined) return;
  if (url === null || url.trim() === '') {
    if (kind !== 'email') throw invalid('url', `a ${kind} channel needs its URL`);
    return;
  }
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw invalid('url', 'is not a URL');
  }
  const ok = kind === 'email' ? ['smtp:', 'smtps:'] : ['http:', 'https:'];
  if (!ok.includes(u.protocol)) throw invalid('url', `must start with ${ok.map((p) => `${p}//`).join(' or ')}`);
}

/** The companies the user may configure: company nodes in the user's scope. */
async function manageable(
  deps: Deps,
  user: UserRef,
): Promise<{ ids: string[] | null; name: (id: string) => string; check: (companyId: string) => void }> {
  const [scope, config] = await Promise.all([scopeOf(deps.db, user), configSnapshot(deps.db)]);
  return {
    ids:
      scope.orgIds === null && !scope.departmentIds
        ? null
        : [...(scope.orgIds ?? [])].filter((id) => config.node(id)?.kind === 'company' && nodeInScope(scope, id)),
    name: (id) => config.node(id)?.name ?? id,
    check(companyId) {
      const node = config.node(companyId);
      if (node?.kind !== 'company' || !nodeInScope(scope, companyId)) throw notFound(`company '${companyId}'`);
    },
  };
}

function view(r: ChannelRow, companyName: string): ChannelView {
  return {
    id: r.id,
    companyId: r.company_id,
    companyName,
    kind: r.kind,
    name: r.name,
    urlHint: urlHint(r.url),
    hasSecret: r.secret !== null && r.secret !== '',
    kinds: r.kinds,
    levels: r.levels,
    enabled: r.enabled,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export async function readChannels(deps: Deps, user: UserRef): Promise<ChannelView[]> {
  const m = await manageable(deps, user);
  return (await listChannels(deps.db, m.ids)).map((r) => view(r, m.name(r.company_id)));
}

async function channelForUser(deps: Deps, user: UserRef, id: string) {
  if (!UUID.test(id)) throw notFound(`channel '${id}'`);
  const m = await manageable(deps, user);
  const row = await findChannel(deps.db, id);
  if (!row || (m.ids !== null && !m.ids.includes(row.company_id))) throw notFound(`channel '${id}'`);
  return { row, m };
}

const clean = (list: string[] | undefined) => [...new Set((list ?? []).map((s) => s.trim()).filter(Boolean))];

export async function createChannel(deps: Deps, user: UserRef, input: ChannelInput): Promise<ChannelView> {
  const m = await manageable(deps, user);
  m.check(input.companyId);
  if (!input.name.trim()) throw invalid('name', 'must not be empty');
  checkUrl(input.kind, input.url ?? null);
  const row = await insertChannel(deps.db, {
    company_id: input.companyId,
    kind: input.kind,
    name: input.name.trim(),
    url: input.url?.trim() || null,
    secret: input.secret || null,
    kinds: clean(input.kinds),
    levels: clean(input.levels),
    enabled: input.enabled ?? true,
    now: deps.now(),
  });
  return view(row, m.name(row.company_id));
}

export async function changeChannel(deps: Deps, user: UserRef, id: string, patch: ChannelPatch): Promise<ChannelView> {
  const { row, m } = await channelForUser(deps, user, id);
  if (patch.name !== undefined && !patch.name.trim()) throw invalid('name', 'must not be empty');
  checkUrl(row.kind, patch.url);
  const set: Parameters<typeof updateChannel>[2] = {};
  if (patch.name !== undefined) set.name = patch.name.trim();
  if (patch.url !== undefined) set.url = patch.url?.trim() || null;
  if (patch.secret !== undefined) set.secret = patch.secret || null;
  if (patch.kinds !== undefined) set.kinds = clean(patch.kinds);
  if (patch.levels !== undefined) set.levels = clean(patch.levels);
  if (patch.enabled !== undefined) set.enabled = patch.enabled;
  const updated = await updateChannel(deps.db, id, set, deps.now());
  if (!updated) throw notFound(`channel '${id}'`);
  return view(updated, m.name(updated.company_id));
}

export async function removeChannel(deps: Deps, user: UserRef, id: string): Promise<void> {
  await channelForUser(deps, user, id);
  await deleteChannel(deps.db, id);
}

/** Puts a test message for the channel in the outbox (an e-mail channel's goes to the asking user). */
export async function testChannel(deps: Deps, user: UserRef, id: string): Promise<{ outboxId: string }> {
  const { row } = await channelForUser(deps, user, id);
  const me = await findUserById(deps.db, user.id);
  const msg = testMessage(
    { id: row.id, companyId: row.company_id, kind: row.kind, name: row.name, kinds: row.kinds, levels: row.levels, enabled: row.enabled },
    me?.email ?? null,
    deps.now(),
    deps.publicUrl ?? '',
  );
  if (!msg) throw invalid('id', 'your account has no e-mail address to send the test to');
  const [outboxId] = await insertOutbox(deps.db, [msg]);
  return { outboxId };
}

/** Delivery channels (issue #14, item 3; migration 0024): a company's e-mail, robot and webhook settings. */
import type { Selectable } from 'kysely';
import type { Db } from './complaint-store.ts';
import type { DeliveryChannelsTable, DeliveryTransport } from './schema.ts';

export type ChannelRow = Selectable<DeliveryChannelsTable>;

export async function listChannels(db: Db, companyIds: string[] | null): Promise<ChannelRow[]> {
  let q = db.selectFrom('delivery_channels').selectAll();
  if (companyIds !== null) {
    if (!companyIds.length) return [];
    q = q.where('company_id', 'in', companyIds);
  }
  return q.orderBy('created_at').orderBy('id').execute();
}

export async function findChannel(db: Db, id: string): Promise<ChannelRow | undefined> {
  return db.selectFrom('delivery_channels').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertChannel(
  db: Db,
  c: {
    company_id: string;
    kind: DeliveryTransport;
    name: string;
    url: string | null;
    secret: string | null;
    kinds: string[];
    levels: string[];
    enabled: boolean;
    now: Date;
  },
): Promise<ChannelRow> {
  const { now, ...values } = c;
  return db
    .insertInto('delivery_channels')
    .values({ ...values, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateChannel(
  db: Db,
  id: string,
  patch: Partial<{ name: string; url: string | null; secret: string | null; kinds: string[]; levels: string[]; enabled: boolean }>,
  now: Date,
): Promise<ChannelRow | undefined> {
  return db
    .updateTable('delivery_channels')
    .set({ ...patch, updated_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteChannel(db: Db, id: string): Promise<boolean> {
  const r = await db.deleteFrom('delivery_channels').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

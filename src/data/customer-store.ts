/** Customers as the complaint pages, contact views and contested records read them. */
import type { Db } from './complaint-store.ts';

export interface CustomerDetails {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  type: string | null;
}

/** The complaint's customer: it exists, a foreign key ties every complaint to one. */
export async function findCustomer(db: Db, id: string): Promise<CustomerDetails> {
  return db.selectFrom('customers').select(['id', 'name', 'phone', 'email', 'type']).where('id', '=', id).executeTakeFirstOrThrow();
}

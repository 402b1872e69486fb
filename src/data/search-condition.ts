/**
 * The SQL side of the queue's free-text search (src/domain/search explains the terms and the plans):
 * the conditions on the complaints table aliased `c` that a search plan becomes. They refer to nothing
 * else (the customer is reached through a sub-select), so the queue can count and page complaints
 * without joining customers first.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { planSearch } from '../domain/search/index.ts';

/**
 * How a complaint's customer is matched in a condition on `c`:
 * - 'array': the matching customers' ids gathered into an array and looked up in one index search (an
 *   indexed query: the GIN index and the customer index combine in one bitmap);
 * - 'hashed': gathered once into a hash table that each row is looked up in — for rows already read in
 *   a bounded walk of the queue's order, when the customers' index finds few; in the 'array' form each
 *   walked row would be compared with the whole array;
 * - 'probe': each walked row's own customer read by key and compared — when the index finds many (a
 *   surname, 王: 23,000 at 1M; two digits of a phone: 60,000), which a walk of a few thousand rows
 *   reads faster than it gathers them. A scalar sub-select, so the planner cannot turn it back into a
 *   gathering (it does so with EXISTS, and without the index it then reads every customer).
 */
export type CustomerMatch = 'array' | 'hashed' | 'probe';

export interface SearchBranches {
  /** The complaint's own text (code, title, content): a condition on `c` alone. */
  text: RawBuilder<SqlBool>;
  /** The customers the index finds for the query, before their names are compared (what gathering them reads). */
  customerCandidates: RawBuilder<unknown>;
  /** Its customer — whose name, or phone with `searchContact`, contains the query — matches, in one of the forms of CustomerMatch. */
  customer: (form: CustomerMatch) => RawBuilder<SqlBool>;
  /** Either branch: the text or the customer in the form given. */
  either: (form: CustomerMatch) => RawBuilder<SqlBool>;
}

/**
 * The two ways a complaint matches `q`, apart: by its own text and by its customer. The queue counts
 * them as two bounded queries, since a surname matches tens of thousands of customers and their
 * complaints can be taken a customer at a time until the count is reached, instead of gathering them
 * all first (docs/PERFORMANCE.md, "Scale").
 */
export function searchBranches(q: string, opts: { searchContact: boolean }): SearchBranches {
  const { kind, text, term } = planSearch(q);
  const phone = opts.searchContact ? sql`OR k.phone LIKE ${term}` : sql``;
  // Two characters that make one bigram, or one character, need no ILIKE: the row's terms come from the
  // lower-cased code, title and content joined by spaces, with pairs containing white space left out,
  // so the term is in the array exactly when one of the three contains it, as ILIKE (which compares
  // lower-cased text) would find. Decided in SQL, not here, so it follows the database's own idea of
  // white space and case; both sides are constants that the planner folds before it plans, which
  // leaves `@>` alone in the plan. Customers keep their recheck: LIKE on the name is case-sensitive
  // and their terms include the phone, which not every role may match.
  const terms = kind === 'bigrams' ? sql`plaint_query_terms(${text})` : sql`plaint_search_terms(${text})`;
  const exact =
    kind === 'bigrams' ? sql`(char_length(${text}) = 2 AND cardinality(plaint_bigrams(${text})) = 1)` : sql`(char_length(${text}) = 1)`;
  const likeCustomer = sql`(k.name LIKE ${term} ${phone})`;
  const customerIds = sql`SELECT k.id FROM customers k WHERE k.search_terms @> ${terms} AND ${likeCustomer}`;
  const byText = sql<SqlBool>`(c.search_terms @> ${terms}
        AND (${exact} OR c.code ILIKE ${term} OR c.title ILIKE ${term} OR c.content ILIKE ${term}))`;
  const customer = (form: CustomerMatch) =>
    form === 'array'
      ? sql<SqlBool>`c.customer_id = ANY(ARRAY(${customerIds}))`
      : form === 'hashed'
        ? sql<SqlBool>`c.customer_id IN (${customerIds})`
        : // LIKE alone decides: a name or phone that contains the query contains its terms.
          sql<SqlBool>`coalesce((SELECT ${likeCustomer} FROM customers k WHERE k.id = c.customer_id), false)`;
  return {
    text: byText,
    customerCandidates: sql`SELECT 1 FROM customers k WHERE k.search_terms @> ${terms}`,
    customer,
    either: (form) => sql<SqlBool>`(${byText} OR ${customer(form)})`,
  };
}

/**
 * The WHERE condition for `q` on the complaints table aliased `c` (it refers to nothing else), as an
 * indexed query: either branch of searchBranches, the customers gathered into an array.
 * `searchContact`: whether the phone may be matched (a role that may not see it must not be able to
 * confirm a number by searching for it).
 */
export function searchCondition(q: string, opts: { searchContact: boolean }): RawBuilder<SqlBool> {
  return searchBranches(q, opts).either('array');
}

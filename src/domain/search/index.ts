/**
 * The queue's free-text search (`q`): complaint code, title and content, the customer's name and —
 * for roles that may see contact details — phone. Chinese has no spaces and most words are two
 * characters (退款, 漏水), which trigram indexes cannot serve, so the database keeps each row's distinct
 * character bigrams (src/data/migrations/0006_search.sql, `plaint_bigrams`, maintained by triggers)
 * under a GIN index:
 *
 * - a query with at least one bigram (two or more characters that are not white space) selects rows
 *   whose bigrams contain all of the query's (`@>`, indexed), then rechecks with ILIKE for the exact
 *   substring, so order and adjacency hold and the answer is exactly what ILIKE alone would give;
 * - a two-character query is exactly one bigram, and the bigram index already answers it exactly (see
 *   `searchBranches` in src/data/search-condition.ts), so the ILIKE recheck is left out: the rows are the same, and the planner then
 *   estimates the matches from the index statistics instead of multiplying in an ILIKE guess, which made
 *   it sort tens of thousands of matches for a frequent word instead of walking the queue's order;
 * - a query without a bigram — one character (a surname such as 王, or 漏), or single characters between
 *   spaces — looks up its characters instead: the arrays also hold each row's distinct characters
 *   (migration 0014, `plaint_search_terms`). One character is answered exactly by the index, as two are;
 *   several are rechecked with ILIKE. Like every other query it searches all complaints;
 * - digits are also kept in three-digit pieces of their runs (migration 0015, `plaint_digit_trigrams`),
 *   and a query with a run of three or more digits (a room 302, part of a phone) looks those up with its
 *   bigrams (`plaint_query_terms`): two digits are in most complaints' codes and dates.
 *
 * The condition is on the complaints row alone (the customer is reached through a sub-select), so the
 * queue can count and page complaints without joining customers first.
 *
 * This module is the pure half: how a query is cut into terms and which plan it gets. The SQL
 * conditions built from a plan are in src/data/search-condition.ts, the queue that runs them in
 * src/data/queue-store.ts.
 */

/** Longer queries are cut here; a bigram array of this size is still one index lookup. */
export const MAX_QUERY_CHARS = 100;
/**
 * A text search counts its matches up to this many and then reports "at least this many": an exact
 * count of a frequent word (退款: 81,000 of 1,000,000 complaints) reads every matching row, which alone
 * costs more than the whole answer may take (docs/PERFORMANCE.md, "Scale"). Nobody pages through a
 * thousand results; they narrow the search instead.
 */
export const SEARCH_TOTAL_CAP = 1000;

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The distinct bigrams of a text as the database computes them (plaint_bigrams): lower-cased, by
 * character (code point), pairs containing white space left out. The SQL function is what queries
 * use; this mirror is for tests and for deciding which plan a query gets.
 */
export function bigrams(text: string): string[] {
  const chars = Array.from(text.toLowerCase());
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i] + chars[i + 1];
    if (!/\s/u.test(g)) out.add(g);
  }
  return [...out];
}

/**
 * The three-digit pieces of a text's runs of three or more ASCII digits (plaint_digit_trigrams, migration
 * 0015): two digits are a poor bigram ('30' and '02' are in most complaints' codes and dates), three
 * tell a room 302 from everything else.
 */
export function digitTrigrams(text: string): string[] {
  const out = new Set<string>();
  for (const [run] of text.matchAll(/[0-9]{3,}/g)) for (let i = 0; i + 3 <= run.length; i++) out.add(run.slice(i, i + 3));
  return [...out];
}

/** The terms the database keeps of a text (plaint_search_terms, migrations 0014–0015): its bigrams, its characters and its digit pieces. */
export function searchTerms(text: string): string[] {
  const lower = text.toLowerCase();
  const chars = Array.from(lower).filter((ch) => !/\s/u.test(ch));
  return [...new Set([...bigrams(text), ...chars, ...digitTrigrams(lower)])];
}

/** What a query with at least one bigram looks up (plaint_query_terms): its bigrams and its digit pieces. */
export function queryTerms(text: string): string[] {
  return [...new Set([...bigrams(text), ...digitTrigrams(text.toLowerCase())])];
}

export interface SearchPlan {
  /** 'bigrams': the query's bigrams are looked up; 'characters': it has none, its characters are. */
  kind: 'bigrams' | 'characters';
  text: string;
  /** The ILIKE pattern of `text`. */
  term: string;
}

export function planSearch(q: string): SearchPlan {
  const text = Array.from(q.trim()).slice(0, MAX_QUERY_CHARS).join('');
  return { kind: bigrams(text).length > 0 ? 'bigrams' : 'characters', text, term: `%${escapeLike(text)}%` };
}

-- A one-character search (a surname such as 王, or 漏) had no bigram to look up and fell back to ILIKE
-- over the last 30 days: every complaint of the window read from the table, ~80,000 at 1,000,000 a year
-- (0.3–0.5 s, docs/PERFORMANCE.md, "Scale"), and nothing older found at all. Each row's search array
-- now also holds its distinct single characters, so every query has something to look up in the GIN
-- index and a single character searches all complaints, like any other query. The array is renamed
-- for what it now holds. Bigram queries still look up bigrams only (plaint_bigrams): a character is
-- implied by the bigrams that contain it, and its long posting list would only slow the intersection.

CREATE FUNCTION plaint_search_terms(t text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  s text := lower(coalesce(t, ''));
BEGIN
  -- The bigrams as plaint_bigrams (0011) finds them, and the characters from one split of the text with
  -- its white space removed. Made distinct in byte order ("C"): the order of the array does not matter
  -- and equal strings are equal in any deterministic collation, so this only saves comparing by locale.
  -- About 68 µs for a 100-character complaint, against 53 for the bigrams alone.
  RETURN (SELECT coalesce(array_agg(DISTINCT g COLLATE "C"), '{}'::text[])
          FROM (SELECT substr(tok, i, 2) AS g
                FROM regexp_split_to_table(s, '[[:space:]]+') AS tok, generate_series(1, length(tok) - 1) AS i
                UNION ALL
                SELECT unnest(string_to_array(regexp_replace(s, '[[:space:]]+', '', 'g'), NULL))) AS terms);
END
$$;

ALTER TABLE complaints RENAME COLUMN search_bigrams TO search_terms;
ALTER TABLE customers RENAME COLUMN search_bigrams TO search_terms;

DROP TRIGGER complaints_search_bigrams_trg ON complaints;
DROP TRIGGER customers_search_bigrams_trg ON customers;
DROP FUNCTION complaints_search_bigrams();
DROP FUNCTION customers_search_bigrams();

CREATE FUNCTION complaints_search_terms() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_terms := plaint_search_terms(NEW.code || ' ' || NEW.title || ' ' || NEW.content);
  RETURN NEW;
END
$$;

CREATE FUNCTION customers_search_terms() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_terms := plaint_search_terms(NEW.name || ' ' || coalesce(NEW.phone, ''));
  RETURN NEW;
END
$$;

CREATE TRIGGER complaints_search_terms_trg BEFORE INSERT OR UPDATE OF code, title, content ON complaints
  FOR EACH ROW EXECUTE FUNCTION complaints_search_terms();
CREATE TRIGGER customers_search_terms_trg BEFORE INSERT OR UPDATE OF name, phone ON customers
  FOR EACH ROW EXECUTE FUNCTION customers_search_terms();

-- Rows stored before this migration; the indexes are built once afterwards rather than updated row by row.
DROP INDEX complaints_search_bigrams_idx;
DROP INDEX customers_search_bigrams_idx;
UPDATE complaints SET search_terms = plaint_search_terms(code || ' ' || title || ' ' || content);
UPDATE customers SET search_terms = plaint_search_terms(name || ' ' || coalesce(phone, ''));
CREATE INDEX complaints_search_terms_idx ON complaints USING gin (search_terms);
CREATE INDEX customers_search_terms_idx ON customers USING gin (search_terms);

-- Chinese free-text search (the queue's `q`) that also finds two-character words such as 退款 or 漏水.
-- pg_trgm cannot index a query shorter than three characters, and most Chinese words are two. Instead
-- each complaint keeps the distinct character bigrams of its code, title and content (lower-cased,
-- pairs containing white space left out) in `search_bigrams`, filled by a trigger so that rows created
-- by the API, by COPY or by any other path get it with no change to the intake code. A GIN index
-- answers `search_bigrams @> plaint_bigrams(query)`: every bigram of the query occurs in the text; the
-- query then rechecks with ILIKE for the exact substring (order and adjacency). Customers get the same
-- for name and phone. Works on PostgreSQL and PGlite alike (no extension needed).

CREATE FUNCTION plaint_bigrams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT g), '{}'::text[])
  FROM (SELECT substr(s, i, 2) AS g
        FROM (SELECT lower(coalesce(t, '')) AS s) AS x, generate_series(1, length(s) - 1) AS i) AS y
  WHERE g !~ '[[:space:]]'
$$;

CREATE FUNCTION complaints_search_bigrams() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_bigrams := plaint_bigrams(NEW.code || ' ' || NEW.title || ' ' || NEW.content);
  RETURN NEW;
END
$$;

CREATE FUNCTION customers_search_bigrams() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_bigrams := plaint_bigrams(NEW.name || ' ' || coalesce(NEW.phone, ''));
  RETURN NEW;
END
$$;

ALTER TABLE complaints ADD COLUMN search_bigrams text[] NOT NULL DEFAULT '{}';
ALTER TABLE customers ADD COLUMN search_bigrams text[] NOT NULL DEFAULT '{}';

CREATE TRIGGER complaints_search_bigrams_trg BEFORE INSERT OR UPDATE OF code, title, content ON complaints
  FOR EACH ROW EXECUTE FUNCTION complaints_search_bigrams();
CREATE TRIGGER customers_search_bigrams_trg BEFORE INSERT OR UPDATE OF name, phone ON customers
  FOR EACH ROW EXECUTE FUNCTION customers_search_bigrams();

-- Rows stored before this migration.
UPDATE complaints SET search_bigrams = plaint_bigrams(code || ' ' || title || ' ' || content);
UPDATE customers SET search_bigrams = plaint_bigrams(name || ' ' || coalesce(phone, ''));

CREATE INDEX complaints_search_bigrams_idx ON complaints USING gin (search_bigrams);
CREATE INDEX customers_search_bigrams_idx ON customers USING gin (search_bigrams);

-- Numbers are searched by their digits — a room (302, 1201), a batch, part of a phone or of a complaint
-- code — and two digits are a poor bigram: '30' and '02' stand in the codes, dates and room numbers of
-- most complaints, so a search for 302 found 171,000 complaints' bigrams at 1,000,000 and rechecked them
-- with ILIKE to keep the few hundred that hold 302 (0.3–0.5 s; docs/PERFORMANCE.md, "Scale"). Each row's
-- search array now also holds the three-digit pieces of its runs of three or more digits, and a query
-- looks up those of its own runs with its bigrams (plaint_query_terms): every piece of a query's run is
-- a piece of the run that holds it in the row, so nothing that matches is left out, and ILIKE still has
-- the last word. A code's date repeats in every complaint of the day; those pieces weigh no more than the
-- bigrams the same digits already give.

CREATE FUNCTION plaint_digit_trigrams(t text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  RETURN (SELECT coalesce(array_agg(DISTINCT substr(r[1], i, 3) COLLATE "C"), '{}'::text[])
          FROM regexp_matches(coalesce(t, ''), '[0-9]{3,}', 'g') AS r,
               generate_series(1, length(r[1]) - 2) AS i);
END
$$;

-- 0014's terms (bigrams and characters) and the digit pieces. Three characters long, the pieces never
-- equal a bigram or a character, so the array stays distinct. The triggers call plaint_search_terms by
-- name, so they use the new one.
ALTER FUNCTION plaint_search_terms(text) RENAME TO plaint_bigrams_and_characters;

CREATE FUNCTION plaint_search_terms(t text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  RETURN plaint_bigrams_and_characters(t) || plaint_digit_trigrams(lower(coalesce(t, '')));
END
$$;

-- What a query of at least one bigram looks up: its bigrams and its digit pieces.
CREATE FUNCTION plaint_query_terms(t text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  RETURN plaint_bigrams(t) || plaint_digit_trigrams(lower(coalesce(t, '')));
END
$$;

-- Rows stored before this migration; the indexes are built once afterwards rather than updated row by row.
DROP INDEX complaints_search_terms_idx;
DROP INDEX customers_search_terms_idx;
UPDATE complaints SET search_terms = plaint_search_terms(code || ' ' || title || ' ' || content);
UPDATE customers SET search_terms = plaint_search_terms(name || ' ' || coalesce(phone, ''));
CREATE INDEX complaints_search_terms_idx ON complaints USING gin (search_terms);
CREATE INDEX customers_search_terms_idx ON customers USING gin (search_terms);

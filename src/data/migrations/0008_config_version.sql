-- A counter that moves whenever the organisation tree or a calendar changes, so each process can keep
-- both in memory and still see every committed change (src/data/config-cache.ts): the per-request
-- session lookup and the intake read return the counter, and a larger value than the cached one makes
-- the cache reload. A row (not a sequence) keeps it transactional: a rolled-back change does not move it.
CREATE TABLE config_version (
  id  boolean PRIMARY KEY DEFAULT true CHECK (id),
  v   bigint NOT NULL
);
INSERT INTO config_version (id, v) VALUES (true, 1);

CREATE FUNCTION bump_config_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE config_version SET v = v + 1;
  RETURN NULL;
END
$$;

CREATE TRIGGER org_nodes_config_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON org_nodes
  FOR EACH STATEMENT EXECUTE FUNCTION bump_config_version();
CREATE TRIGGER calendars_config_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendars
  FOR EACH STATEMENT EXECUTE FUNCTION bump_config_version();

-- Issue #16 item 4: tuned packs. A company or unit adopts a shipped pack and may override it with a JSON
-- Merge Patch (RFC 7396) over the pack's JSON. Every save is a new row, never an update: `version` is one
-- global identity, so "the version in force" is a single number per complaint (complaints.policy_version)
-- and the effective pack at version V is the shipped pack with, from the top of the unit's chain down to
-- the unit, each node's latest row for that pack with version <= V applied (src/domain/policy/).
CREATE TABLE policy_overrides (
  version     integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  node_id     text NOT NULL REFERENCES org_nodes(id),
  policy_id   text NOT NULL,
  overrides   jsonb NOT NULL,
  created_by  uuid,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX policy_overrides_node_idx ON policy_overrides (node_id, policy_id, version DESC);

-- The per-process configuration copy (src/data/config-cache.ts) holds the overrides, so intake stays one
-- read and one write: a new override moves the counter of migration 0008 like a calendar does.
CREATE TRIGGER policy_overrides_config_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON policy_overrides
  FOR EACH STATEMENT EXECUTE FUNCTION bump_config_version();

-- The override version a complaint was received under (0 = the shipped pack); every later use of its
-- pack (actions, the sweeper, casework) resolves the same effective pack from it.
ALTER TABLE complaints ADD COLUMN policy_version integer NOT NULL DEFAULT 0;

-- Issue #16 items 1, 2 and 5: an organisation sets itself up and keeps its tree through the console.
--
-- A disabled node takes no new complaints (nor do the units below it) and is hidden from the portal and
-- from unit pickers; it keeps its history and can be enabled again. The per-process copy of the tree
-- (src/data/config-cache.ts) reads the column; migration 0008's statement trigger on org_nodes already
-- moves the configuration counter on any update of the table, this column included.
ALTER TABLE org_nodes ADD COLUMN disabled boolean NOT NULL DEFAULT false;

-- Every change to the tree: who, when, what it was before and after (only the fields that changed; a
-- creation has no before). Written in the same transaction as the change itself.
CREATE TABLE org_changes (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The order of writing: two changes in one instant (one transaction) still list in order.
  seq           bigint GENERATED ALWAYS AS IDENTITY,
  node_id       text NOT NULL REFERENCES org_nodes(id),
  changed_by    uuid REFERENCES users(id),
  changed_by_label text NOT NULL,
  changed_at    timestamptz NOT NULL,
  action        text NOT NULL CHECK (action IN ('create', 'update')),
  before        jsonb,
  after         jsonb NOT NULL
);
CREATE INDEX org_changes_node_idx ON org_changes (node_id, seq);

-- Item 5: the portal now lists only the units opened to it (settings.portal = true). Before this
-- migration every unit with a pack took portal complaints, so an installation being upgraded keeps
-- its units open; units created from now on start closed until an administrator opens them.
UPDATE org_nodes SET settings = coalesce(settings, '{}'::jsonb) || '{"portal": true}'::jsonb
  WHERE kind = 'unit' AND policy_id IS NOT NULL AND NOT (settings ? 'portal');

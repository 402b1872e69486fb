-- Issue #14: the per-process configuration copy (src/data/config-cache.ts) reads users.notify_email
-- (migration 0024) as each holder's and administrator's wantsEmail, so a user's own choice moves the
-- counter of migration 0008 like the other columns the copy reads (migration 0023). Migration 0023 ran
-- before 0024 added the column, so its trigger is re-created here with the column in its list.
DROP TRIGGER IF EXISTS users_update_config_version ON users;
CREATE TRIGGER users_update_config_version AFTER UPDATE OF email, name, role, org_node_id, disabled, notify_email ON users
  FOR EACH STATEMENT EXECUTE FUNCTION bump_config_version();

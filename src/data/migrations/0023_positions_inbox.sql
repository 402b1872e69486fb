-- Issue #14: recipients are people, through positions. A user holds a pack position (集团客户协调中心,
-- 加油站经理, …) at an organisation node; a notification's position resolves to the holders at the
-- complaint's unit or its nearest ancestor that has one, and who was resolved is stored with it. A
-- position nobody holds goes to the company's administrators, marked unaddressed (never a silent drop).
CREATE TABLE user_positions (
  user_id      uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  position_id  text NOT NULL,
  org_node_id  text NOT NULL REFERENCES org_nodes(id),
  PRIMARY KEY (user_id, position_id, org_node_id)
);

-- Each recipient's own copy: read state is per person, not per notification.
CREATE TABLE notification_recipients (
  notification_id  uuid NOT NULL REFERENCES notifications(id) ON DELETE CASCADE,
  user_id          uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  unaddressed      boolean NOT NULL DEFAULT false,
  read_at          timestamptz,
  PRIMARY KEY (notification_id, user_id)
);
-- The inbox (a user's notifications) and the bell (a user's unread ones).
CREATE INDEX notification_recipients_user_idx ON notification_recipients (user_id, notification_id);
CREATE INDEX notification_recipients_unread_idx ON notification_recipients (user_id) WHERE read_at IS NULL;
-- The dashboard's unaddressed positions.
CREATE INDEX notification_recipients_unaddressed_idx ON notification_recipients (notification_id) WHERE unaddressed;

-- The holders and the administrators are in the per-process configuration copy (src/data/config-cache.ts),
-- so a change to them moves the counter of migration 0008 like a change to the organisation tree.
-- Users change for other reasons too (a password, a login): only the columns the copy reads count.
CREATE TRIGGER user_positions_config_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON user_positions
  FOR EACH STATEMENT EXECUTE FUNCTION bump_config_version();
CREATE TRIGGER users_config_version AFTER INSERT OR DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION bump_config_version();
CREATE TRIGGER users_update_config_version AFTER UPDATE OF email, name, role, org_node_id, disabled ON users
  FOR EACH STATEMENT EXECUTE FUNCTION bump_config_version();

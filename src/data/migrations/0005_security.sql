-- Security, second part: named API tokens and cookie sessions in the sessions table, login failures
-- kept in the database (so a lockout holds across processes), and when a password last changed.

-- sessions.kind: 'bearer' (login token), 'cookie' (web session), 'api' (named API token).
ALTER TABLE sessions ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE sessions ADD COLUMN name text;
ALTER TABLE sessions ADD COLUMN last_used_at timestamptz;
CREATE UNIQUE INDEX sessions_id_idx ON sessions (id);

ALTER TABLE users ADD COLUMN password_changed_at timestamptz;

-- One row per failed login; a successful login clears the e-mail's rows. Lockout and the per-address
-- limit count the rows of the last window.
CREATE TABLE login_failures (
  id     bigserial PRIMARY KEY,
  email  text NOT NULL,
  ip     text NOT NULL,
  at     timestamptz NOT NULL
);
CREATE INDEX login_failures_email_at_idx ON login_failures (email, at);
CREATE INDEX login_failures_ip_at_idx ON login_failures (ip, at);

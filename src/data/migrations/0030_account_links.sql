-- Invitations and password resets (issue #16 item 3; src/use-cases/users/account-links.ts).
--
-- An invited account has no password yet: password_hash is NULL, and login refuses it like a wrong
-- password until its owner sets one through a one-time link.
ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL;

-- One-time links that set a password: 'invite' for an account without one, 'reset' for an account
-- whose owner lost theirs. Kept apart from `sessions` on purpose: a session authenticates requests, a
-- link only sets a password, and no lookup of a session can ever find a link. Stored as the SHA-256
-- of the secret only; used_at is set by the one UPDATE that consumes it (single use under races);
-- issuing a new link for a user revokes the user's earlier live ones.
CREATE TABLE account_links (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  purpose     text NOT NULL CHECK (purpose IN ('invite', 'reset')),
  token_hash  text NOT NULL UNIQUE,
  created_by  uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  revoked_at  timestamptz
);
CREATE INDEX account_links_live_idx ON account_links (user_id) WHERE used_at IS NULL AND revoked_at IS NULL;

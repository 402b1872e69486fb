-- Login throttling reserves an attempt before the password is checked (src/data/login-attempt-store.ts):
-- counting failures first and recording them after the check let 50 simultaneous guesses all pass the
-- count while none was recorded yet. A row is now an attempt in flight ('pending') or a failed one;
-- both count against the limits, so the sixth concurrent guess is refused before it is checked. A
-- successful attempt deletes its own row and the failures reserved before it.
-- The rows of 0005's login_failures are failures and stay, so a lockout in force survives the upgrade.
ALTER TABLE login_failures RENAME TO login_attempts;
ALTER SEQUENCE login_failures_id_seq RENAME TO login_attempts_id_seq;
ALTER INDEX login_failures_pkey RENAME TO login_attempts_pkey;
ALTER INDEX login_failures_email_at_idx RENAME TO login_attempts_email_started_at_idx;
ALTER INDEX login_failures_ip_at_idx RENAME TO login_attempts_ip_started_at_idx;
ALTER TABLE login_attempts RENAME COLUMN at TO started_at;
ALTER TABLE login_attempts ADD COLUMN outcome text NOT NULL DEFAULT 'failed' CHECK (outcome IN ('pending', 'failed'));
-- The default only labels the rows carried over; every new row names its outcome.
ALTER TABLE login_attempts ALTER COLUMN outcome DROP DEFAULT;

-- Keyed event hashes and signed checkpoints (docs/SECURITY.md, "Event log"; src/domain/log-checkpoint.ts).
--
-- Events written so far were hashed with unkeyed sha256; from now on each is an HMAC under the log key,
-- which lives outside the database (PLAINT_LOG_KEY or DATA_DIR/log.key). The existing rows are marked
-- 'sha256' and every later row gets 'hmac-sha256' by default, so neither the intake's single statement
-- nor appendEvents has to name the column. Adding a column with a constant default rewrites no rows.
ALTER TABLE complaint_events ADD COLUMN hash_alg text NOT NULL DEFAULT 'sha256'
  CHECK (hash_alg IN ('sha256', 'hmac-sha256'));
ALTER TABLE complaint_events ALTER COLUMN hash_alg SET DEFAULT 'hmac-sha256';

-- One row per checkpoint: the Merkle root over every complaint's head, the counts, the time, and an
-- HMAC of them under the log key. The key is not in the database, so the first checkpoint is written
-- by the application at start-up (src/use-cases/write-checkpoint.ts), not here.
CREATE TABLE log_checkpoints (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL,
  complaints  integer NOT NULL,
  events      bigint NOT NULL,
  root        text NOT NULL,
  signature   text NOT NULL
);

-- The heads the newest checkpoint signed, one row per complaint (rewritten where changed at each
-- checkpoint), so a check can name the complaint whose log no longer continues from its head.
-- legacy_seq: events 1..legacy_seq were written before this migration and keep unkeyed hashes.
CREATE TABLE log_checkpoint_heads (
  complaint_id  uuid PRIMARY KEY,
  seq           integer NOT NULL,
  hash          text NOT NULL,
  legacy_seq    integer NOT NULL DEFAULT 0
);

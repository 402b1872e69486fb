-- Throttles counted in the database (issue #19 item 4; src/data/throttle-store.ts): one row per throttle
-- and key (a client address, a user) holding the current fixed window's start and count. Each use is one
-- INSERT ... ON CONFLICT DO UPDATE that starts a new window or adds one, and returns the count, so every
-- process on one database counts into the same window and simultaneous requests are counted one by one
-- under the row's lock. Before this the counters were per process, in memory.
CREATE TABLE throttle_windows (
  throttle      text NOT NULL,
  key           text NOT NULL,
  window_start  timestamptz NOT NULL,
  count         integer NOT NULL,
  PRIMARY KEY (throttle, key)
);
CREATE INDEX throttle_windows_start_idx ON throttle_windows (window_start);

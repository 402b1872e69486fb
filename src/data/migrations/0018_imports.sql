-- Imported complaints (issue #17): one row per file row that became a complaint. Its key — the mapped
-- external id within the unit, else the file's sha256 and the row number — makes a re-import of the
-- same file create nothing twice. The foreign key is checked at commit, so an import can claim its
-- keys first (ON CONFLICT DO NOTHING) and write only the complaints whose key it claimed.
CREATE TABLE complaint_imports (
  row_key       text PRIMARY KEY,
  complaint_id  uuid NOT NULL REFERENCES complaints(id) DEFERRABLE INITIALLY DEFERRED,
  file_name     text NOT NULL,
  file_sha256   text NOT NULL,
  row_no        integer NOT NULL,
  external_id   text,
  imported_at   timestamptz NOT NULL DEFAULT now(),
  imported_by   uuid
);
CREATE INDEX complaint_imports_complaint_idx ON complaint_imports (complaint_id);

-- Issue #15 item 5 (S0 food 10): the cases affected (">20箱为批量" decides a responsibility row) and the
-- responsibility assignment the pack's matrix made (its row, clause and departments), kept on the complaint
-- so a later write records only a change of row (src/domain/responsibility/).
ALTER TABLE complaints ADD COLUMN cases_affected integer CHECK (cases_affected IS NULL OR cases_affected >= 0);
ALTER TABLE complaints ADD COLUMN responsibility jsonb;

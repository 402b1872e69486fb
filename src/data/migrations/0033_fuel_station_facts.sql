-- Issue #15 item 4, fuel retail (S0 第五篇):
-- * category_count: complaints of this complaint's category at its station within the pack's
--   severity.similarWindowDays, this one included, whatever their wording (§5: 同一加油站两起以上数量类投诉);
--   for a rule that joins stations by delivery, also those of the company's other stations naming the same
--   delivery (§5: 某一加油站或多个加油站,多起质量类投诉).
-- * delivery_ref: the delivery (油品批次 / 配送单号) a complaint names, given at intake or at qualification.
-- * direct_person: the directly responsible person the investigation names (§14.5), whose responsibility
--   complaints of the year the sanctions count.
ALTER TABLE complaints
  ADD COLUMN category_count integer NOT NULL DEFAULT 1,
  ADD COLUMN delivery_ref text,
  ADD COLUMN direct_person text;

CREATE INDEX complaints_delivery_ref ON complaints (delivery_ref, received_at) WHERE delivery_ref IS NOT NULL;
CREATE INDEX complaints_direct_person ON complaints (direct_person, received_at) WHERE direct_person IS NOT NULL;

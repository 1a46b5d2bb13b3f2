-- The change feed reads in pages (a full build at 1.5 million promotions must not hold every row
-- of one result in memory): the keyset (changed_tx, id) needs an index in that order.
CREATE INDEX promotions_changes_keyset ON promotions.promotions (changed_tx, id);
DROP INDEX promotions.promotions_changes;

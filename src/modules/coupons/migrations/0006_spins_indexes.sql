-- Nothing reads spins by member (a member's spins are counted in spin_counts, found by id on
-- replay), so that index only cost every spin an insert. The daily figures read spins by time:
-- a BRIN index serves that range for almost nothing per insert (rows arrive in time order).
DROP INDEX coupons.spins_member;
CREATE INDEX spins_created_brin ON coupons.spins USING brin (created_at);

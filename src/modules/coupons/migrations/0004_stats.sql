-- What the admin reads of campaigns and wheels need (docs/coupons.md, "Reading the numbers").

-- How many times each coupon was given back after its order was cancelled or refunded. giveBack
-- adds 1 in the same UPDATE that moves the coupon back to 'issued', so a campaign's returns are
-- exact (the sum over its coupons) without a per-return write to the campaign row, which issues
-- already contend on. Coupons given back before this migration count 0: their returns left no trace.
ALTER TABLE coupons.coupons ADD COLUMN returned_count int NOT NULL DEFAULT 0 CHECK (returned_count >= 0);

-- Hits per slice of a wheel: an index-only count, without reading each spin's outcome.
CREATE INDEX spins_wheel_slice ON coupons.spins (wheel_id, slice_position);

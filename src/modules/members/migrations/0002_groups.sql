-- Member groups (segments: "vip", "students", a B2B customer's tier) that promotions can target.
-- Set by admins; a member cannot put itself in a group.
ALTER TABLE members.members
  ADD COLUMN groups text[] NOT NULL DEFAULT '{}'
  CHECK (cardinality(groups) <= 50 AND array_position(groups, NULL) IS NULL);

-- A cart checkout buys several of one seller's listings in one order: an order's listings move to
-- lines of their own. The order keeps the money (subtotal, discount, total); its lines say what was
-- bought at which price. Orders made before keep their one listing as their first line.
CREATE TABLE orders.order_lines (
  order_id         uuid    NOT NULL REFERENCES orders.orders (id),
  line_no          integer NOT NULL CHECK (line_no > 0),
  -- The marketplace's listing (another module's table: referenced by id, not by key).
  listing_id       uuid    NOT NULL,
  title            text    NOT NULL,
  quantity         integer NOT NULL CHECK (quantity > 0),
  -- The listing's stored price, the surge multiplier the buyer was shown, and what it paid a unit.
  list_price_minor bigint  NOT NULL CHECK (list_price_minor >= 0),
  surge_bp         integer NOT NULL DEFAULT 10000 CHECK (surge_bp BETWEEN 10000 AND 30000),
  unit_price_minor bigint  NOT NULL CHECK (unit_price_minor >= list_price_minor),
  PRIMARY KEY (order_id, line_no),
  UNIQUE (order_id, listing_id)
);
CREATE TRIGGER order_lines_append_only BEFORE UPDATE OR DELETE ON orders.order_lines
  FOR EACH ROW EXECUTE FUNCTION platform.refuse_change();

INSERT INTO orders.order_lines (order_id, line_no, listing_id, title, quantity, list_price_minor, surge_bp, unit_price_minor)
  SELECT id, 1, listing_id, title, quantity, list_price_minor, surge_bp, unit_price_minor FROM orders.orders;

ALTER TABLE orders.orders ADD COLUMN subtotal_minor bigint;
UPDATE orders.orders SET subtotal_minor = unit_price_minor * quantity;
ALTER TABLE orders.orders ALTER COLUMN subtotal_minor SET NOT NULL;
-- Dropping the columns drops the checks on them, the old total's among them.
ALTER TABLE orders.orders
  DROP COLUMN listing_id, DROP COLUMN title, DROP COLUMN quantity,
  DROP COLUMN list_price_minor, DROP COLUMN surge_bp, DROP COLUMN unit_price_minor;
ALTER TABLE orders.orders ADD CONSTRAINT orders_total_is_subtotal_less_discount CHECK (total_minor = subtotal_minor - discount_minor AND total_minor >= 0);

-- An order's subtotal is the sum of its lines, and it has at least one: checked when the
-- transaction that wrote the order commits (its lines are written after it).
CREATE FUNCTION orders.check_subtotal() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE lines_minor numeric;
BEGIN
  SELECT sum(unit_price_minor * quantity) INTO lines_minor FROM orders.order_lines WHERE order_id = NEW.id;
  IF lines_minor IS NULL OR lines_minor <> NEW.subtotal_minor THEN
    RAISE EXCEPTION 'order % has subtotal % but its lines sum to %', NEW.id, NEW.subtotal_minor, lines_minor USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER orders_subtotal_is_lines AFTER INSERT OR UPDATE OF subtotal_minor ON orders.orders
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION orders.check_subtotal();

-- A line added later to an existing order must keep its subtotal the sum of its lines too:
-- checked at commit, like the order's own insert (0002).
CREATE FUNCTION orders.check_lines_subtotal() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE lines_minor numeric; order_subtotal bigint;
BEGIN
  SELECT subtotal_minor INTO order_subtotal FROM orders.orders WHERE id = NEW.order_id;
  SELECT sum(unit_price_minor * quantity) INTO lines_minor FROM orders.order_lines WHERE order_id = NEW.order_id;
  IF lines_minor <> order_subtotal THEN
    RAISE EXCEPTION 'order % has subtotal % but its lines sum to %', NEW.order_id, order_subtotal, lines_minor USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER order_lines_sum_to_subtotal AFTER INSERT ON orders.order_lines
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION orders.check_lines_subtotal();

import { useCallback, useSyncExternalStore } from 'react';

/**
 * The buyer's cart lives in the browser (localStorage), one per member, so two members sharing a
 * browser never see each other's cart. A cart holds one seller's listings in one currency, as an
 * order does (ORDER_CART_MIXED otherwise): adding another seller's item asks to replace the cart.
 */
export interface CartLine {
  listingId: string;
  title: string;
  quantity: number;
  /** The unit price the buyer was shown when adding it (the cart page prices it again). */
  unitPriceMinor: number;
}

export interface Cart {
  sellerId: string;
  currency: string;
  lines: CartLine[];
}

export interface CartItem {
  listingId: string;
  sellerId: string;
  title: string;
  currency: string;
  unitPriceMinor: number;
  /** How many are left: the cart never asks for more. */
  available?: number;
}

export const MAX_LINES = 50;
const PREFIX = 'trove.cart.';
const listeners = new Set<() => void>();
const keyOf = (memberId: string) => `${PREFIX}${memberId}`;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

const EMPTY = '';
function rawCart(memberId: string): string {
  return storage()?.getItem(keyOf(memberId)) ?? EMPTY;
}

/** The stored cart, or null; anything unreadable counts as no cart. */
export function parseCart(raw: string): Cart | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(raw) as Cart;
    if (typeof c?.sellerId !== 'string' || typeof c.currency !== 'string' || !Array.isArray(c.lines)) return null;
    const lines = c.lines.filter((l) => typeof l?.listingId === 'string' && Number.isInteger(l.quantity) && l.quantity > 0);
    return lines.length > 0 ? { sellerId: c.sellerId, currency: c.currency, lines } : null;
  } catch {
    return null;
  }
}

export function readCart(memberId: string): Cart | null {
  return parseCart(rawCart(memberId));
}

export function writeCart(memberId: string, cart: Cart | null): void {
  const s = storage();
  if (!s) return;
  if (!cart || cart.lines.length === 0) s.removeItem(keyOf(memberId));
  else s.setItem(keyOf(memberId), JSON.stringify(cart));
  listeners.forEach((l) => l());
}

/** Adds an item to a cart: the new cart, or 'other-seller' when it belongs to another seller or currency. */
export function addToCart(cart: Cart | null, item: CartItem, quantity: number): Cart | 'other-seller' | 'full' {
  if (cart && (cart.sellerId !== item.sellerId || cart.currency !== item.currency)) return 'other-seller';
  const lines = cart?.lines ?? [];
  const cap = (q: number) => (item.available !== undefined ? Math.min(q, item.available) : q);
  const existing = lines.find((l) => l.listingId === item.listingId);
  if (!existing && lines.length >= MAX_LINES) return 'full';
  const next = existing
    ? lines.map((l) => (l.listingId === item.listingId ? { ...l, quantity: cap(l.quantity + quantity), unitPriceMinor: item.unitPriceMinor, title: item.title } : l))
    : [...lines, { listingId: item.listingId, title: item.title, quantity: cap(quantity), unitPriceMinor: item.unitPriceMinor }];
  return { sellerId: item.sellerId, currency: item.currency, lines: next };
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (!e.key || e.key.startsWith(PREFIX)) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** The member's cart and what can be done to it; every component using it stays in step (other tabs too). */
export function useCart(memberId: string | undefined) {
  const id = memberId ?? '';
  const raw = useSyncExternalStore(subscribe, () => (id ? rawCart(id) : EMPTY), () => EMPTY);
  const cart = parseCart(raw);
  const save = useCallback((next: Cart | null) => id && writeCart(id, next), [id]);

  return {
    cart,
    count: cart?.lines.reduce((n, l) => n + l.quantity, 0) ?? 0,
    /** 'added', or 'other-seller' (nothing changed: ask the buyer, then call replace). */
    add(item: CartItem, quantity: number): 'added' | 'other-seller' | 'full' {
      const next = addToCart(readCart(id), item, quantity);
      if (typeof next === 'string') return next;
      save(next);
      return 'added';
    },
    replace(item: CartItem, quantity: number) {
      save(addToCart(null, item, quantity) as Cart);
    },
    setQuantity(listingId: string, quantity: number) {
      const current = readCart(id);
      if (!current || !Number.isInteger(quantity) || quantity < 1) return;
      save({ ...current, lines: current.lines.map((l) => (l.listingId === listingId ? { ...l, quantity } : l)) });
    },
    remove(listingId: string) {
      const current = readCart(id);
      if (current) save({ ...current, lines: current.lines.filter((l) => l.listingId !== listingId) });
    },
    clear() {
      save(null);
    },
  };
}

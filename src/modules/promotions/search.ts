import { PROMOTION_POLICY } from './model.js';
import type { Candidate, CartPricer, Pricing } from './pricing.js';

/**
 * The search for the best combination of promotions that change prices. What makes it fast:
 *  - Independent parts. Promotions interact only through a line they both discount, the shipping,
 *    or an exclusivity group; the candidates split into components that share none of these, the
 *    best combination is the best of each component put together, and each is searched alone. A
 *    promotion that does not stack applies alone, so it is weighed against the whole result.
 *  - A strong first guess. Two greedy sweeps in application order (keep a promotion if it adds
 *    something; one takes each group's first member, the other its member worth most alone), or
 *    the best single candidate, give the incumbent, so the exact search prunes from its first step.
 *  - Branch and bound in application order (including a promotion extends the pricing of those
 *    before it, so each step prices one promotion), bounded by what each remaining candidate would
 *    add right after the chosen prefix (adding a promotion never raises what later ones give) and
 *    by what is left of the lines and shipping the remaining ones can touch.
 * Exact for a component of up to exactCandidatesMax candidates whenever the search finishes within
 * the cart's budget of searchNodesMax priced steps (each step one promotion priced; valuing the
 * remaining candidates after a prefix costs one step each, so 16-20 candidates can run out); a
 * bigger component is searched exactly over its exactCandidatesMax worth most alone, and the
 * incumbent (the greedy sweeps over all of it, never below its best single candidate) stands when
 * nothing beats it.
 */

export interface Choice {
  total: number;
  set: Candidate[];
}

const EMPTY: Choice = { total: 0, set: [] };

/** Whether `a` beats `b`: more discount, then fewer promotions, then the smaller ids (in sorted order). */
export function better(a: Choice, b: Choice): boolean {
  if (a.total !== b.total) return a.total > b.total;
  if (a.set.length !== b.set.length) return a.set.length < b.set.length;
  const x = a.set.map((c) => c.promotion.id).sort();
  const y = b.set.map((c) => c.promotion.id).sort();
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]!;
  return false;
}

const touchesShipping = (c: Candidate) => c.promotion.action.kind === 'free_shipping';

/** Splits stacking candidates (in rank order) into components that share no line, shipping or group. */
export function components(candidates: readonly Candidate[]): Candidate[][] {
  const parent = candidates.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const owner = new Map<string, number>();
  const join = (key: string, i: number) => {
    const j = owner.get(key);
    if (j === undefined) owner.set(key, i);
    else parent[find(i)] = find(j);
  };
  candidates.forEach((c, i) => {
    if (touchesShipping(c)) join('shipping', i);
    else for (const l of c.lineIndexes) join(`line:${l}`, i);
    if (c.promotion.exclusivityGroup !== null) join(`group:${c.promotion.exclusivityGroup}`, i);
  });
  const parts = new Map<number, Candidate[]>();
  candidates.forEach((c, i) => {
    const root = find(i);
    const part = parts.get(root);
    if (part) part.push(c);
    else parts.set(root, [c]);
  });
  return [...parts.values()];
}

/** One pass in rank order keeping each candidate that adds something; `allowed` may veto one. */
function sweep(pricer: CartPricer, candidates: readonly Candidate[], allowed: (c: Candidate) => boolean): Choice {
  let pricing = pricer.start();
  const set: Candidate[] = [];
  const groups = new Set<string>();
  for (const c of candidates) {
    const group = c.promotion.exclusivityGroup;
    if ((group !== null && groups.has(group)) || !allowed(c)) continue;
    if (pricer.gain(pricing, c) <= 0) continue;
    pricing = pricer.apply(pricing, c);
    set.push(c);
    if (group !== null) groups.add(group);
  }
  return { total: pricing.total, set };
}

function greedy(pricer: CartPricer, candidates: readonly Candidate[]): Choice {
  const first = sweep(pricer, candidates, () => true);
  const worthMost = new Map<string, Candidate>();
  for (const c of candidates) {
    const group = c.promotion.exclusivityGroup;
    const held = group === null ? undefined : worthMost.get(group);
    if (group !== null && (!held || c.alone > held.alone)) worthMost.set(group, c);
  }
  const second = sweep(pricer, candidates, (c) => c.promotion.exclusivityGroup === null || worthMost.get(c.promotion.exclusivityGroup) === c);
  return better(second, first) ? second : first;
}

/**
 * Branch and bound over `candidates` (in rank order); returns the incumbent unless something beats
 * it. The bound of what the candidates from i on can add: each one's value if it applied right
 * after what is chosen so far (promotions in between only lower it), summed, and at most what is
 * left of the lines and shipping they touch. The values are priced once per chosen prefix and
 * shared by the branches that leave the next candidates out, which price nothing new.
 */
function exact(pricer: CartPricer, candidates: readonly Candidate[], incumbent: Choice, budget: { nodes: number }): Choice {
  const n = candidates.length;
  const suffixLines: number[][] = Array.from({ length: n + 1 }, () => []);
  const suffixShipping = new Array<boolean>(n + 1).fill(false);
  for (let i = n - 1; i >= 0; i--) {
    const c = candidates[i]!;
    suffixShipping[i] = suffixShipping[i + 1]! || touchesShipping(c);
    suffixLines[i] = touchesShipping(c) ? suffixLines[i + 1]! : [...new Set([...suffixLines[i + 1]!, ...c.lineIndexes])];
  }
  const capacityLeft = (i: number, p: Pricing) => {
    let sum = suffixShipping[i] ? p.shippingLeft : 0;
    for (const l of suffixLines[i]!) sum += p.left[l]!;
    return sum;
  };
  /** For each i >= from: what candidates i.. would add if each applied right after `p`, summed. */
  const valuesAfter = (from: number, p: Pricing): number[] => {
    const suffix = new Array<number>(n + 1).fill(0);
    for (let j = n - 1; j >= from; j--) suffix[j] = suffix[j + 1]! + pricer.gain(p, candidates[j]!);
    budget.nodes -= n - from;
    return suffix;
  };
  let best = incumbent;
  const walk = (i: number, chosen: Candidate[], pricing: Pricing, suffix: readonly number[], groups: ReadonlySet<string>): void => {
    if (i === n || budget.nodes <= 0) return;
    const bound = pricing.total + Math.min(suffix[i]!, capacityLeft(i, pricing));
    // Below the best, or only equal to it with more promotions than it: nothing here can win.
    if (bound < best.total || (bound === best.total && chosen.length + (pricing.total < bound ? 1 : 0) > best.set.length)) return;
    const c = candidates[i]!;
    const group = c.promotion.exclusivityGroup;
    if (group === null || !groups.has(group)) {
      budget.nodes -= 1;
      const next = pricer.apply(pricing, c);
      const set = [...chosen, c];
      const option = { total: next.total, set };
      if (better(option, best)) best = option;
      if (i + 1 < n) walk(i + 1, set, next, valuesAfter(i + 1, next), group === null ? groups : new Set([...groups, group]));
    }
    walk(i + 1, chosen, pricing, suffix, groups);
  };
  walk(0, [], pricer.start(), valuesAfter(0, pricer.start()), new Set());
  return best;
}

function solveComponent(pricer: CartPricer, candidates: readonly Candidate[], budget: { nodes: number }): Choice {
  // The greedy sweeps, or the best single candidate if a sweep missed it: never below either.
  let incumbent = greedy(pricer, candidates);
  for (const c of candidates) {
    const alone = { total: c.alone, set: [c] };
    if (better(alone, incumbent)) incumbent = alone;
  }
  const max = PROMOTION_POLICY.exactCandidatesMax;
  if (candidates.length <= max) return exact(pricer, candidates, incumbent, budget);
  // A bigger component: the exact search over the ones worth most alone, the incumbent covering
  // the rest. Past exactness anyway, so a smaller share of the budget: it finds what the sweeps
  // miss on a few promotions (a tier an earlier discount would break) without thousands of steps.
  const searched = [...candidates].sort((a, b) => b.alone - a.alone || a.rank - b.rank).slice(0, max).sort((a, b) => a.rank - b.rank);
  const granted = Math.min(budget.nodes, PROMOTION_POLICY.beyondExactNodesMax);
  const share = { nodes: granted };
  const best = exact(pricer, searched, incumbent, share);
  budget.nodes -= granted - share.nodes;
  return best;
}

/** The best combination of price-changing candidates (in rank order, each worth something alone). */
export function bestCombination(pricer: CartPricer, candidates: readonly Candidate[]): Choice {
  const budget = { nodes: PROMOTION_POLICY.searchNodesMax };
  let stacked: Choice = EMPTY;
  for (const part of components(candidates.filter((c) => c.promotion.stackable))) {
    const best = solveComponent(pricer, part, budget);
    stacked = { total: stacked.total + best.total, set: [...stacked.set, ...best.set] };
  }
  let best = stacked;
  for (const c of candidates) {
    if (c.promotion.stackable) continue;
    const alone = { total: c.alone, set: [c] };
    if (better(alone, best)) best = alone;
  }
  return best;
}

import { PROMOTION_POLICY } from './model.js';
import { inRankOrder, type Candidate, type CartPricer, type Pricing } from './pricing.js';
import { stacks, TRAIT } from './traits.js';

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

/**
 * What a cart's search may still spend (priced steps), and the exact search's buffers per depth:
 * a pricing and the values of the candidates after it. The cart's components are searched one at
 * a time, so they share the buffers; allocating them per component cost about 3 % of pricing
 * (0.152 against 0.156 ms a cart, in process).
 */
class Budget {
  private readonly pricings: Pricing[] = [];
  private readonly values: number[][] = [];

  constructor(public nodes: number) {}

  /** At least `count` of each, the first pricing back at the start (the others are written before they are read). */
  depths(pricer: CartPricer, count: number): { pricings: Pricing[]; values: number[][] } {
    while (this.pricings.length < count) {
      this.pricings.push(pricer.start());
      this.values.push([]);
    }
    pricer.reset(this.pricings[0]!);
    return { pricings: this.pricings, values: this.values };
  }
}

export interface Choice {
  total: number;
  set: Candidate[];
}

const EMPTY: Choice = { total: 0, set: [] };

/** Whether `a` beats `b`: more discount, then fewer promotions, then the smaller ids (in sorted order). */
export function better(a: Choice, b: Choice): boolean {
  if (a.total !== b.total) return a.total > b.total;
  if (a.set.length !== b.set.length) return a.set.length < b.set.length;
  const x = a.set.map((c) => c.id).sort();
  const y = b.set.map((c) => c.id).sort();
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]!;
  return false;
}

const touchesShipping = (c: Candidate) => (c.flags & TRAIT.shipping) !== 0;

/** Splits stacking candidates (in rank order) into components that share no line, shipping or group. */
export function components(candidates: readonly Candidate[]): Candidate[][] {
  const parent = candidates.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const union = (i: number, j: number | undefined) => {
    if (j !== undefined) parent[find(i)] = find(j);
  };
  // The first candidate seen on each line, on the shipping and in each group.
  const lineOwner: number[] = [];
  let shippingOwner: number | undefined;
  const groupOwner = new Map<number, number>();
  candidates.forEach((c, i) => {
    if (touchesShipping(c)) union(i, (shippingOwner ??= i));
    else for (const l of c.lineIndexes) union(i, (lineOwner[l] ??= i));
    const group = c.group;
    if (group >= 0) {
      union(i, groupOwner.get(group));
      if (!groupOwner.has(group)) groupOwner.set(group, i);
    }
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
  const pricing = pricer.start();
  const set: Candidate[] = [];
  const groups = new Set<number>();
  for (const c of candidates) {
    const group = c.group;
    if ((group >= 0 && groups.has(group)) || !allowed(c)) continue;
    if (pricer.gain(pricing, c) <= 0) continue;
    pricer.applyInto(pricing, c, pricing);
    set.push(c);
    if (group >= 0) groups.add(group);
  }
  return { total: pricing.total, set };
}

function greedy(pricer: CartPricer, candidates: readonly Candidate[]): Choice {
  const first = sweep(pricer, candidates, () => true);
  const worthMost = new Map<number, Candidate>();
  for (const c of candidates) {
    const held = c.group < 0 ? undefined : worthMost.get(c.group);
    if (c.group >= 0 && (!held || c.alone > held.alone)) worthMost.set(c.group, c);
  }
  const second = sweep(pricer, candidates, (c) => c.group < 0 || worthMost.get(c.group) === c);
  return better(second, first) ? second : first;
}

/** The chosen prefix as a list from its last promotion back: extending it copies nothing. */
interface Chosen {
  c: Candidate;
  before: Chosen | null;
}

function toArray(list: Chosen | null): Candidate[] {
  const set: Candidate[] = [];
  for (let x = list; x !== null; x = x.before) set.push(x.c);
  return set.reverse();
}

/**
 * Branch and bound over `candidates` (in rank order); returns the incumbent unless something beats
 * it. The bound of what the candidates from i on can add: each one's value if it applied right
 * after what is chosen so far (promotions in between only lower it), summed, and at most what is
 * left of the lines and shipping they touch. The values are priced once per chosen prefix and
 * shared by the branches that leave the next candidates out, which price nothing new. The
 * pricings and values live in buffers per depth (the number chosen): a step allocates nothing but
 * its list cell.
 */
function exact(pricer: CartPricer, candidates: readonly Candidate[], incumbent: Choice, budget: Budget): Choice {
  const n = candidates.length;
  // The lines candidates i.. touch: the first suffixLineCount[i] of suffixLines (each line where the
  // candidates, from the last back, first touch it).
  const suffixLines: number[] = [];
  const suffixLineCount = new Array<number>(n + 1).fill(0);
  const suffixShipping = new Array<boolean>(n + 1).fill(false);
  for (let i = n - 1; i >= 0; i--) {
    const c = candidates[i]!;
    suffixShipping[i] = suffixShipping[i + 1]! || touchesShipping(c);
    if (!touchesShipping(c)) for (const l of c.lineIndexes) if (!suffixLines.includes(l)) suffixLines.push(l);
    suffixLineCount[i] = suffixLines.length;
  }
  const capacityLeft = (i: number, p: Pricing) => {
    let sum = suffixShipping[i] ? p.shippingLeft : 0;
    for (let k = 0; k < suffixLineCount[i]!; k++) sum += p.left[suffixLines[k]!]!;
    return sum;
  };
  const { pricings, values } = budget.depths(pricer, n + 1);
  /** Into values[depth][j], for each j >= from: what candidates j.. would add if each applied right after pricings[depth], summed. */
  const valuesAfter = (from: number, depth: number): void => {
    const suffix = values[depth]!;
    const p = pricings[depth]!;
    suffix[n] = 0;
    for (let j = n - 1; j >= from; j--) suffix[j] = suffix[j + 1]! + pricer.gain(p, candidates[j]!);
    budget.nodes -= n - from;
  };
  const groups: number[] = [];
  let best = incumbent;
  /** `depth`: how many `chosen` holds. */
  const walk = (i: number, chosen: Chosen | null, depth: number): void => {
    if (i === n || budget.nodes <= 0) return;
    const pricing = pricings[depth]!;
    const bound = pricing.total + Math.min(values[depth]![i]!, capacityLeft(i, pricing));
    // Below the best, or only equal to it with more promotions than it: nothing here can win.
    if (bound < best.total || (bound === best.total && depth + (pricing.total < bound ? 1 : 0) > best.set.length)) return;
    const c = candidates[i]!;
    const group = c.group;
    if (group < 0 || !groups.includes(group)) {
      budget.nodes -= 1;
      const next = pricings[depth + 1]!;
      pricer.applyInto(pricing, c, next);
      const extended: Chosen = { c, before: chosen };
      if (next.total >= best.total) {
        const option = { total: next.total, set: toArray(extended) };
        if (better(option, best)) best = option;
      }
      if (i + 1 < n) {
        valuesAfter(i + 1, depth + 1);
        if (group >= 0) groups.push(group);
        walk(i + 1, extended, depth + 1);
        if (group >= 0) groups.pop();
      }
    }
    walk(i + 1, chosen, depth);
  };
  valuesAfter(0, 0);
  walk(0, null, 0);
  return best;
}

/** The `k` candidates worth most alone (ties: the earlier in application order), kept sorted by an insertion: most are below the k-th and cost one comparison. */
function worthMostAlone(candidates: readonly Candidate[], k: number): Candidate[] {
  const top: Candidate[] = [];
  const before = (a: Candidate, b: Candidate) => a.alone > b.alone || (a.alone === b.alone && a.rank < b.rank);
  for (const c of candidates) {
    if (top.length === k && !before(c, top[k - 1]!)) continue;
    let i = Math.min(top.length, k - 1);
    for (; i > 0 && before(c, top[i - 1]!); i--) top[i] = top[i - 1]!;
    top[i] = c;
  }
  return top;
}

function solveComponent(pricer: CartPricer, candidates: readonly Candidate[], budget: Budget): Choice {
  // The greedy sweeps, or the best single candidate if a sweep missed it: never below either.
  const incumbent = orBestAlone(greedy(pricer, candidates), candidates);
  const max = PROMOTION_POLICY.exactCandidatesMax;
  if (candidates.length <= max) return exact(pricer, candidates, incumbent, budget);
  // A bigger component: the exact search over the ones worth most alone, the incumbent covering
  // the rest. Past exactness anyway, so a smaller share of the budget: it finds what the sweeps
  // miss on a few promotions (a tier an earlier discount would break) without thousands of steps.
  const searched = inRankOrder(worthMostAlone(candidates, max));
  const granted = Math.min(budget.nodes, PROMOTION_POLICY.beyondExactNodesMax);
  const left = budget.nodes - granted;
  budget.nodes = granted;
  const best = exact(pricer, searched, incumbent, budget);
  budget.nodes += left;
  return best;
}

/** The best combination of price-changing candidates (in rank order, each worth something alone). */
export function bestCombination(pricer: CartPricer, candidates: readonly Candidate[]): Choice {
  const budget = new Budget(PROMOTION_POLICY.searchNodesMax);
  let stacked: Choice = EMPTY;
  for (const part of components(candidates.filter(stacks))) {
    const best = solveComponent(pricer, part, budget);
    stacked = { total: stacked.total + best.total, set: [...stacked.set, ...best.set] };
  }
  return orBestAlone(stacked, candidates, (c) => !stacks(c));
}

/** `incumbent`, or the best single candidate (of those `admit` lets in) if one beats it. */
function orBestAlone(incumbent: Choice, candidates: readonly Candidate[], admit: (c: Candidate) => boolean = () => true): Choice {
  let best = incumbent;
  for (const c of candidates) {
    if (c.alone < best.total || !admit(c)) continue;
    const alone = { total: c.alone, set: [c] };
    if (better(alone, best)) best = alone;
  }
  return best;
}

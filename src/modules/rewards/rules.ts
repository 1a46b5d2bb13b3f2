import { addDays, daysBetween, memberDay, memberWeek } from '../../platform/time.js';
import { REWARDS_POLICY, type CheckpointDef, type CheckpointState, type EventInput, type FilterDef, type MilestoneDef, type MilestoneState, type WindowDef } from './model.js';

/**
 * The rules of progress, without I/O: which checkpoints an event matches, in which window, and how
 * a checkpoint's state moves. The ingest path and the reference evaluator of the tests both build on
 * these, so what is tested here is what runs.
 */

/** The value at a dotted path of an event's attributes (`video.id`), or undefined. */
export function attributeAt(attributes: Record<string, unknown>, path: string): unknown {
  let at: unknown = attributes;
  for (const part of path.split('.')) {
    if (at === null || typeof at !== 'object' || Array.isArray(at)) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

function filterHolds(attributes: Record<string, unknown>, f: FilterDef): boolean {
  const v = attributeAt(attributes, f.path);
  switch (f.op) {
    case 'eq':
      return v === f.value;
    case 'in':
      return (typeof v === 'string' || typeof v === 'number') && f.values.includes(v);
    case 'range':
      return typeof v === 'number' && (f.min === undefined || v >= f.min) && (f.max === undefined || v <= f.max);
  }
}

export function matchesCheckpoint(cp: CheckpointDef, event: Pick<EventInput, 'type' | 'attributes'>): boolean {
  return cp.eventType === event.type && cp.filters.every((f) => filterHolds(event.attributes, f));
}

/** The window an event at `at` counts in, for a member in `timeZone` (whose `day` it is, when known); null when outside a fixed range. */
export function windowKeyOf(window: WindowDef, at: Date, timeZone: string, day?: string): string | null {
  switch (window.kind) {
    case 'all_time':
      return 'all';
    case 'daily':
      return `d:${day ?? memberDay(timeZone, at)}`;
    case 'weekly':
      return `w:${memberWeek(timeZone, at)}`;
    case 'range':
      return at >= new Date(window.from) && at < new Date(window.to) ? 'range' : null;
  }
}

/** A repeating milestone completes once per window; another once ever. */
export function completionKeyOf(m: Pick<MilestoneDef, 'repeats'>, windowKey: string): string {
  return m.repeats ? windowKey : 'once';
}

/** What one event adds to one checkpoint; null when it adds nothing (a distinct event without its id). */
export type Contribution =
  | { kind: 'flag' }
  | { kind: 'count'; amount: number }
  | { kind: 'distinct'; item: string }
  | { kind: 'streak'; day: string };

export function contributionOf(cp: CheckpointDef, event: Pick<EventInput, 'attributes' | 'value'>, day: string): Contribution | null {
  switch (cp.kind) {
    case 'flag':
      return { kind: 'flag' };
    case 'count': {
      const amount = event.value ?? 1;
      return amount > 0 ? { kind: 'count', amount } : null;
    }
    case 'distinct': {
      const item = attributeAt(event.attributes, cp.distinctBy ?? 'id');
      if ((typeof item !== 'string' && typeof item !== 'number') || String(item).length === 0 || String(item).length > 200) return null;
      // A number past 2^53 lost digits in JSON parsing: two ids could count as one. Send such ids as strings.
      if (typeof item === 'number' && Number.isInteger(item) && !Number.isSafeInteger(item)) return null;
      return { kind: 'distinct', item: String(item) };
    }
    case 'streak':
      return { kind: 'streak', day };
  }
}

/** Qualifying days (at least minPerDay events), oldest first. */
function qualifyingDays(days: Record<string, number>, minPerDay: number): string[] {
  return Object.keys(days).filter((d) => days[d]! >= minPerDay).sort();
}

/**
 * The longest streak: the most qualifying days in a run where the days missed between them add up
 * to no more than `freezes` (a freeze bridges a missed day; it does not count as a day).
 */
export function longestStreak(days: Record<string, number>, minPerDay: number, freezes: number): number {
  const q = qualifyingDays(days, minPerDay);
  let best = 0;
  let start = 0;
  let missed = 0;
  for (let end = 0; end < q.length; end++) {
    if (end > 0) missed += daysBetween(q[end - 1]!, q[end]!) - 1;
    while (missed > freezes) {
      missed -= daysBetween(q[start]!, q[start + 1]!) - 1;
      start += 1;
    }
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/** The streak still alive on `today`: the run ending at the last qualifying day, if the days missed since fit in its freezes. */
export function currentStreak(days: Record<string, number>, minPerDay: number, freezes: number, today: string): number {
  const q = qualifyingDays(days, minPerDay).filter((d) => d <= today);
  if (q.length === 0) return 0;
  // Today itself may still qualify, so it is not yet missed.
  let missed = Math.max(0, daysBetween(q[q.length - 1]!, today) - 1);
  if (missed > freezes) return 0;
  let length = 1;
  for (let i = q.length - 1; i > 0; i--) {
    const gap = daysBetween(q[i - 1]!, q[i]!) - 1;
    if (missed + gap > freezes) break;
    missed += gap;
    length += 1;
  }
  return length;
}

/**
 * A streak's day counts keep only days that can still join a run reaching the target: a late event
 * lands at most latenessMaxMs back, and a run short of the target spans at most target + freezes days.
 */
export function pruneDays(days: Record<string, number>, cp: CheckpointDef): Record<string, number> {
  const latest = Object.keys(days).sort().at(-1);
  if (!latest) return days;
  const latenessDays = Math.ceil(REWARDS_POLICY.latenessMaxMs / 86_400_000);
  const oldest = addDays(latest, -(cp.target + (cp.freezes ?? 0) + latenessDays + 1));
  return Object.fromEntries(Object.entries(days).filter(([d]) => d >= oldest));
}

/**
 * A checkpoint's state after a contribution (the caller applies none to a checkpoint already met:
 * a value stops changing when its target is met, so a count shows the sum that met it). A distinct
 * contribution is applied only when the store found its id new. Values never go down.
 */
export function applyContribution(cp: CheckpointDef, state: CheckpointState | undefined, c: Contribution): CheckpointState {
  const value = state?.value ?? 0;
  switch (c.kind) {
    case 'flag':
      return { value: 1 };
    case 'count':
      return { value: value + c.amount };
    case 'distinct':
      return { value: Math.min(cp.target, value + 1) };
    case 'streak': {
      const days = pruneDays({ ...(state?.days ?? {}), [c.day]: (state?.days?.[c.day] ?? 0) + 1 }, cp);
      return { value: Math.max(value, longestStreak(days, cp.minPerDay ?? 1, cp.freezes ?? 0)), days };
    }
  }
}

export function checkpointMet(cp: CheckpointDef, state: CheckpointState | undefined): boolean {
  return (state?.value ?? 0) >= cp.target;
}

export function milestoneMet(m: MilestoneDef, state: MilestoneState): boolean {
  return m.checkpoints.every((cp) => checkpointMet(cp, state[cp.key]));
}

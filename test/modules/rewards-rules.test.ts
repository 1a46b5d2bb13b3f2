import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchEvent } from '../../src/modules/rewards/matching.js';
import type { CheckpointDef, CheckpointState, FilterDef, Game, WindowDef } from '../../src/modules/rewards/model.js';
import { applyContribution, attributeAt, completionKeyOf, contributionOf, currentStreak, longestStreak, matchesCheckpoint, pruneDays, windowKeyOf } from '../../src/modules/rewards/rules.js';
import { nextLocalReset } from '../../src/platform/time.js';

/** The rules of progress without I/O: filters, windows in members' time zones, and streaks. */

const DAY_MS = 86_400_000;

/** Calendar days as integers (days since 1970-01-01) and back, with Date.UTC: independent of the code under test. */
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** Day counts, from `[day, events]` pairs. */
const days = (...pairs: [string, number][]): Record<string, number> => Object.fromEntries(pairs);
const each = (n: number, ...list: string[]) => days(...list.map((d): [string, number] => [d, n]));

/** The longest streak by brute force: every run of qualifying days whose missed days fit in the freezes. */
function bruteLongest(counts: Record<string, number>, minPerDay: number, freezes: number): number {
  const q = Object.keys(counts).filter((d) => counts[d]! >= minPerDay).map(dayNumber).sort((a, b) => a - b);
  let best = 0;
  for (let i = 0; i < q.length; i++) {
    for (let j = i; j < q.length; j++) {
      const missed = q[j]! - q[i]! + 1 - (j - i + 1);
      if (missed <= freezes) best = Math.max(best, j - i + 1);
    }
  }
  return best;
}

/** The streak alive on `today` by brute force: runs ending at the last qualifying day; today itself is not missed yet. */
function bruteCurrent(counts: Record<string, number>, minPerDay: number, freezes: number, today: string): number {
  const t = dayNumber(today);
  const q = Object.keys(counts).filter((d) => counts[d]! >= minPerDay).map(dayNumber).filter((n) => n <= t).sort((a, b) => a - b);
  const last = q.at(-1);
  if (last === undefined) return 0;
  let best = 0;
  for (let i = 0; i < q.length; i++) {
    const missed = last - q[i]! + 1 - (q.length - i) + Math.max(0, t - last - 1);
    if (missed <= freezes) best = Math.max(best, q.length - i);
  }
  return best;
}

const streakCp = (over: Partial<CheckpointDef> = {}): CheckpointDef => ({ key: 'days', kind: 'streak', eventType: 'login', filters: [], target: 30, ...over });

/** Random day counts around a base day that crosses a month, a leap day or a year. */
const dayCounts = fc.tuple(fc.constantFrom('2026-02-20', '2028-02-20', '2026-12-20'), fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 4 })), { maxLength: 30 }))
  .map(([base, list]) => Object.fromEntries(list.map(([offset, n]) => [dayOf(dayNumber(base) + offset), n])));

describe('streaks', () => {
  it('count qualifying days in a row, across months, leap days and years', () => {
    expect(longestStreak({}, 1, 0)).toBe(0);
    expect(longestStreak(each(1, '2026-03-01', '2026-03-02', '2026-03-03'), 1, 0)).toBe(3);
    expect(longestStreak(each(1, '2026-12-30', '2026-12-31', '2027-01-01'), 1, 0)).toBe(3);
    expect(longestStreak(each(1, '2028-02-28', '2028-02-29', '2028-03-01'), 1, 0)).toBe(3);
    expect(longestStreak(each(1, '2026-02-28', '2026-03-01'), 1, 0)).toBe(2);
    // The order the days were recorded in does not matter.
    expect(longestStreak(each(1, '2026-03-03', '2026-03-01', '2026-03-02'), 1, 0)).toBe(3);
  });

  it('break on a missed day unless a freeze bridges it; a freeze is not a day of the streak', () => {
    const gappy = each(1, '2026-03-01', '2026-03-02', '2026-03-04', '2026-03-05');
    expect(longestStreak(gappy, 1, 0)).toBe(2);
    expect(longestStreak(gappy, 1, 1)).toBe(4);
    // Missed days add up within a run: one freeze bridges one of the two gaps.
    const twoGaps = each(1, '2026-03-01', '2026-03-02', '2026-03-04', '2026-03-05', '2026-03-07');
    expect(longestStreak(twoGaps, 1, 1)).toBe(4);
    expect(longestStreak(twoGaps, 1, 2)).toBe(5);
    // A gap of two days needs two freezes.
    expect(longestStreak(each(1, '2026-03-01', '2026-03-04'), 1, 1)).toBe(1);
    expect(longestStreak(each(1, '2026-03-01', '2026-03-04'), 1, 2)).toBe(2);
  });

  it('count a day only with minPerDay events; a day short of it is a missed day', () => {
    const counts = days(['2026-03-01', 2], ['2026-03-02', 1], ['2026-03-03', 3]);
    expect(longestStreak(counts, 1, 0)).toBe(3);
    expect(longestStreak(counts, 2, 0)).toBe(1);
    expect(longestStreak(counts, 2, 1)).toBe(2);
    expect(longestStreak(counts, 4, 5)).toBe(0);
  });

  it('are alive today while the days missed since the last qualifying day fit in the freezes', () => {
    const counts = each(1, '2026-03-01', '2026-03-02', '2026-03-03');
    // Today may still qualify, so a streak ending yesterday is alive, and one ending today too.
    expect(currentStreak(counts, 1, 0, '2026-03-03')).toBe(3);
    expect(currentStreak(counts, 1, 0, '2026-03-04')).toBe(3);
    expect(currentStreak(counts, 1, 0, '2026-03-05')).toBe(0);
    expect(currentStreak(counts, 1, 1, '2026-03-05')).toBe(3);
    // The freezes used inside the run and since it count together.
    const gappy = each(1, '2026-03-01', '2026-03-03');
    expect(currentStreak(gappy, 1, 1, '2026-03-04')).toBe(2);
    expect(currentStreak(gappy, 1, 1, '2026-03-05')).toBe(1);
    expect(currentStreak(gappy, 1, 2, '2026-03-05')).toBe(2);
    // Days after today do not count; days short of minPerDay are missed.
    expect(currentStreak(each(1, '2026-03-01', '2026-03-02', '2026-03-09'), 1, 0, '2026-03-03')).toBe(2);
    expect(currentStreak(days(['2026-03-01', 2], ['2026-03-02', 1]), 2, 0, '2026-03-02')).toBe(1);
    expect(currentStreak(days(['2026-03-01', 2], ['2026-03-02', 1]), 2, 0, '2026-03-03')).toBe(0);
    expect(currentStreak({}, 1, 3, '2026-03-03')).toBe(0);
  });

  it('match a brute-force evaluator on random day sets (longest and current)', () => {
    fc.assert(fc.property(dayCounts, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: -3, max: 45 }), (counts, minPerDay, freezes, todayOffset) => {
      expect(longestStreak(counts, minPerDay, freezes)).toBe(bruteLongest(counts, minPerDay, freezes));
      const today = dayOf(dayNumber(Object.keys(counts).sort()[0] ?? '2026-03-01') + todayOffset);
      expect(currentStreak(counts, minPerDay, freezes, today)).toBe(bruteCurrent(counts, minPerDay, freezes, today));
    }), { numRuns: 1000 });
  });

  it('keep the days that can still join a run: target + freezes + the lateness (8 local days) back from the latest', () => {
    const cp = streakCp({ target: 5, freezes: 2 });
    const kept = pruneDays(each(1, '2026-03-15', '2026-03-16', '2026-03-31'), cp);
    // 2026-03-31 - (5 + 2 + 8) days = 2026-03-16.
    expect(kept).toEqual(each(1, '2026-03-16', '2026-03-31'));
    expect(pruneDays({}, cp)).toEqual({});
  });

  it('reach the same capped value with pruning as the brute force over all days, for days up to 8 days late', () => {
    const steps = fc.array(fc.integer({ min: -8, max: 3 }), { minLength: 1, maxLength: 80 });
    fc.assert(fc.property(steps, fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 3 }), (moves, target, minPerDay, freezes) => {
      const cp = streakCp({ target, minPerDay, freezes });
      const base = dayNumber('2026-02-20');
      const all: Record<string, number> = {};
      let latest = base;
      let state: CheckpointState | undefined;
      for (const move of moves) {
        const day = dayOf(latest + move);
        latest = Math.max(latest, latest + move);
        all[day] = (all[day] ?? 0) + 1;
        state = applyContribution(cp, state, { kind: 'streak', day });
        expect(Math.min(state.value, target)).toBe(Math.min(bruteLongest(all, minPerDay, freezes), target));
        // What is kept is counted exactly.
        for (const [d, n] of Object.entries(state.days!)) expect(n).toBe(all[d]);
      }
    }), { numRuns: 500 });
  });
});

describe('applying a contribution', () => {
  const count = streakCp({ key: 'spend', kind: 'count', target: 5 });
  const distinct = streakCp({ key: 'videos', kind: 'distinct', target: 2, distinctBy: 'videoId' });

  it('sets a flag, adds counts (the true sum, past the target), and stops distinct ids at the target', () => {
    expect(applyContribution(streakCp({ kind: 'flag', target: 1 }), undefined, { kind: 'flag' })).toEqual({ value: 1 });
    expect(applyContribution(count, { value: 4 }, { kind: 'count', amount: 3 })).toEqual({ value: 7 });
    expect(applyContribution(distinct, { value: 1 }, { kind: 'distinct', item: 'a' })).toEqual({ value: 2 });
    expect(applyContribution(distinct, { value: 2 }, { kind: 'distinct', item: 'b' })).toEqual({ value: 2 });
  });

  it('never lowers a streak\'s value when old days are pruned', () => {
    const cp = streakCp({ target: 5, freezes: 0 });
    const before: CheckpointState = { value: 3, days: each(1, '2026-01-01', '2026-01-02', '2026-01-03') };
    const after = applyContribution(cp, before, { kind: 'streak', day: '2026-03-01' });
    expect(after).toEqual({ value: 3, days: each(1, '2026-03-01') });
  });

  it('takes what an event contributes: its value (1 by default, 0 adds nothing), its distinct id, its day', () => {
    expect(contributionOf(count, { attributes: {} }, '2026-03-01')).toEqual({ kind: 'count', amount: 1 });
    expect(contributionOf(count, { attributes: {}, value: 7 }, '2026-03-01')).toEqual({ kind: 'count', amount: 7 });
    expect(contributionOf(count, { attributes: {}, value: 0 }, '2026-03-01')).toBeNull();
    expect(contributionOf(distinct, { attributes: { videoId: 42 } }, '2026-03-01')).toEqual({ kind: 'distinct', item: '42' });
    for (const videoId of [undefined, '', 'x'.repeat(201), { id: 1 }, true, null]) expect(contributionOf(distinct, { attributes: { videoId } }, '2026-03-01')).toBeNull();
    expect(contributionOf(streakCp(), { attributes: {} }, '2026-03-01')).toEqual({ kind: 'streak', day: '2026-03-01' });
  });
});

describe('checkpoint filters', () => {
  const cp = (...filters: FilterDef[]): CheckpointDef => ({ key: 'c', kind: 'flag', eventType: 'order', filters, target: 1 });
  const holds = (c: CheckpointDef, attributes: Record<string, unknown>, type = 'order') => matchesCheckpoint(c, { type, attributes });

  it('match the event type exactly; no filters match any attributes', () => {
    expect(holds(cp(), {})).toBe(true);
    expect(holds(cp(), { anything: [1, 2] })).toBe(true);
    expect(holds(cp(), {}, 'order.placed')).toBe(false);
    expect(holds(cp(), {}, 'Order')).toBe(false);
  });

  it('eq compares strictly: a string is not the number it spells, and a missing attribute is not equal', () => {
    expect(holds(cp({ path: 'channel', op: 'eq', value: 'ios' }), { channel: 'ios' })).toBe(true);
    expect(holds(cp({ path: 'channel', op: 'eq', value: 'ios' }), { channel: 'IOS' })).toBe(false);
    expect(holds(cp({ path: 'n', op: 'eq', value: 5 }), { n: 5 })).toBe(true);
    expect(holds(cp({ path: 'n', op: 'eq', value: 5 }), { n: '5' })).toBe(false);
    expect(holds(cp({ path: 'hd', op: 'eq', value: true }), { hd: true })).toBe(true);
    expect(holds(cp({ path: 'hd', op: 'eq', value: false }), {})).toBe(false);
    expect(holds(cp({ path: 'hd', op: 'eq', value: false }), { hd: null })).toBe(false);
  });

  it('in takes strings and numbers only', () => {
    const f = cp({ path: 'channel', op: 'in', values: ['ios', 'android', 3] });
    expect(holds(f, { channel: 'android' })).toBe(true);
    expect(holds(f, { channel: 3 })).toBe(true);
    expect(holds(f, { channel: '3' })).toBe(false);
    expect(holds(f, { channel: 'web' })).toBe(false);
    expect(holds(f, { channel: ['ios'] })).toBe(false);
    expect(holds(f, {})).toBe(false);
    expect(holds(cp({ path: 'b', op: 'in', values: [1] }), { b: true })).toBe(false);
  });

  it('range includes both ends, takes either end alone, and only numbers', () => {
    const both = cp({ path: 'amount', op: 'range', min: 100, max: 200 });
    expect([99, 100, 150, 200, 201].map((amount) => holds(both, { amount }))).toEqual([false, true, true, true, false]);
    expect(holds(both, { amount: 99.99 })).toBe(false);
    expect(holds(both, { amount: '150' })).toBe(false);
    expect(holds(both, {})).toBe(false);
    expect([-1e9, 100, 101].map((amount) => holds(cp({ path: 'amount', op: 'range', max: 100 }), { amount }))).toEqual([true, true, false]);
    expect([99, 100, 1e9].map((amount) => holds(cp({ path: 'amount', op: 'range', min: 100 }), { amount }))).toEqual([false, true, true]);
    expect(holds(cp({ path: 'amount', op: 'range' }), { amount: -5 })).toBe(true);
    expect(holds(cp({ path: 'amount', op: 'range' }), { amount: null })).toBe(false);
  });

  it('follow dotted paths through objects only', () => {
    const attrs = { video: { meta: { minutes: 12, tags: ['a'] }, id: 'v1' }, list: [{ x: 1 }], nil: null, s: 'text' };
    expect(attributeAt(attrs, 'video.meta.minutes')).toBe(12);
    expect(attributeAt(attrs, 'video.id')).toBe('v1');
    for (const path of ['video.meta.missing', 'video.meta.minutes.x', 'list.0.x', 'nil.x', 's.length', 'missing.deeper']) expect(attributeAt(attrs, path)).toBeUndefined();
    expect(holds(cp({ path: 'video.meta.minutes', op: 'range', min: 10 }), attrs)).toBe(true);
    expect(holds(cp({ path: 'video.meta.minutes', op: 'range', min: 13 }), attrs)).toBe(false);
    expect(holds(cp({ path: 'list.0.x', op: 'eq', value: 1 }), attrs)).toBe(false);
  });

  it('must all hold', () => {
    const f = cp({ path: 'channel', op: 'in', values: ['ios', 'android'] }, { path: 'amount', op: 'range', min: 100 });
    expect(holds(f, { channel: 'ios', amount: 100 })).toBe(true);
    expect(holds(f, { channel: 'ios', amount: 50 })).toBe(false);
    expect(holds(f, { channel: 'web', amount: 500 })).toBe(false);
  });
});

describe('windows in a member\'s time zone', () => {
  const daily: WindowDef = { kind: 'daily' };
  const weekly: WindowDef = { kind: 'weekly' };
  const at = (iso: string) => new Date(iso);

  /** [zone, moment, what it is locally, its day, its ISO week]. */
  const moments: [string, string, string, string, string][] = [
    ['America/New_York', '2026-03-08T04:30:00Z', '23:30 EST the day before spring forward', '2026-03-07', '2026-W10'],
    ['America/New_York', '2026-03-08T05:30:00Z', '00:30 EST on the 23-hour day', '2026-03-08', '2026-W10'],
    ['America/New_York', '2026-03-09T03:30:00Z', '23:30 EDT on the 23-hour day', '2026-03-08', '2026-W10'],
    ['America/New_York', '2026-03-09T04:30:00Z', '00:30 EDT on Monday', '2026-03-09', '2026-W11'],
    ['America/New_York', '2026-11-01T03:30:00Z', '23:30 EDT the day before fall back', '2026-10-31', '2026-W44'],
    ['America/New_York', '2026-11-01T04:30:00Z', '00:30 EDT on the 25-hour day', '2026-11-01', '2026-W44'],
    ['America/New_York', '2026-11-01T06:30:00Z', '01:30 EST, the repeated hour', '2026-11-01', '2026-W44'],
    ['America/New_York', '2026-11-02T04:30:00Z', '23:30 EST on the 25-hour day', '2026-11-01', '2026-W44'],
    ['America/New_York', '2026-11-02T05:30:00Z', '00:30 EST on Monday', '2026-11-02', '2026-W45'],
    ['Pacific/Kiritimati', '2026-01-15T09:30:00Z', '23:30 at UTC+14', '2026-01-15', '2026-W03'],
    ['Pacific/Kiritimati', '2026-01-15T10:30:00Z', '00:30 at UTC+14, while UTC is still on the 15th', '2026-01-16', '2026-W03'],
    ['Pacific/Pago_Pago', '2026-01-16T10:30:00Z', '23:30 at UTC-11, while UTC is on the 16th', '2026-01-15', '2026-W03'],
    ['Pacific/Pago_Pago', '2026-01-16T11:30:00Z', '00:30 at UTC-11', '2026-01-16', '2026-W03'],
    ['Asia/Kathmandu', '2026-01-15T18:14:59Z', '23:59:59 at UTC+5:45', '2026-01-15', '2026-W03'],
    ['Asia/Kathmandu', '2026-01-15T17:45:00Z', '23:30 at UTC+5:45', '2026-01-15', '2026-W03'],
    ['Asia/Kathmandu', '2026-01-15T18:45:00Z', '00:30 at UTC+5:45', '2026-01-16', '2026-W03'],
    ['Asia/Kathmandu', '2026-01-15T18:15:00Z', '00:00 at UTC+5:45', '2026-01-16', '2026-W03'],
    // 2026 starts on a Thursday, so it has 53 ISO weeks; 2026-W01 starts on Monday 2025-12-29.
    ['UTC', '2025-12-28T23:30:00Z', 'Sunday', '2025-12-28', '2025-W52'],
    ['UTC', '2025-12-29T00:30:00Z', 'Monday', '2025-12-29', '2026-W01'],
    ['UTC', '2026-12-31T12:00:00Z', 'Thursday', '2026-12-31', '2026-W53'],
    ['UTC', '2027-01-03T23:30:00Z', 'Sunday', '2027-01-03', '2026-W53'],
    ['UTC', '2027-01-04T00:30:00Z', 'Monday', '2027-01-04', '2027-W01'],
    // One moment, two weeks and two years: Monday at UTC+14, Sunday at UTC-11.
    ['Pacific/Kiritimati', '2027-01-03T12:00:00Z', 'Monday 02:00', '2027-01-04', '2027-W01'],
    ['Pacific/Pago_Pago', '2027-01-03T12:00:00Z', 'Sunday 01:00', '2027-01-03', '2026-W53'],
  ];

  it.each(moments)('in %s, %s (%s) counts on %s, in week %s', (zone, iso, _local, day, week) => {
    expect(windowKeyOf(daily, at(iso), zone)).toBe(`d:${day}`);
    expect(windowKeyOf(weekly, at(iso), zone)).toBe(`w:${week}`);
    expect(windowKeyOf({ kind: 'all_time' }, at(iso), zone)).toBe('all');
  });

  it('a range window includes its start and excludes its end, in any zone', () => {
    const range: WindowDef = { kind: 'range', from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' };
    expect(windowKeyOf(range, at('2026-03-01T00:00:00Z'), 'Pacific/Kiritimati')).toBe('range');
    expect(windowKeyOf(range, at('2026-03-01T23:59:59.999Z'), 'Pacific/Pago_Pago')).toBe('range');
    expect(windowKeyOf(range, at('2026-03-02T00:00:00Z'), 'UTC')).toBeNull();
    expect(windowKeyOf(range, at('2026-02-28T23:59:59.999Z'), 'UTC')).toBeNull();
  });

  it('a repeating milestone completes once per window, another once ever', () => {
    expect(completionKeyOf({ repeats: true }, 'd:2026-03-08')).toBe('d:2026-03-08');
    expect(completionKeyOf({ repeats: false }, 'd:2026-03-08')).toBe('once');
  });
});

describe('the next reset', () => {
  const reset = (zone: string, iso: string, unit: 'day' | 'week') => nextLocalReset(zone, new Date(iso), unit).toISOString();

  it('is the next local midnight, after a 23-hour or a 25-hour day', () => {
    // New York's 2026-03-08 starts at 05:00Z (EST) and ends at 04:00Z (EDT): 23 hours.
    expect(reset('America/New_York', '2026-03-08T05:00:00Z', 'day')).toBe('2026-03-09T04:00:00.000Z');
    expect(reset('America/New_York', '2026-03-08T12:00:00Z', 'day')).toBe('2026-03-09T04:00:00.000Z');
    expect(reset('America/New_York', '2026-03-08T04:59:59Z', 'day')).toBe('2026-03-08T05:00:00.000Z');
    // 2026-11-01 starts at 04:00Z (EDT) and ends at 05:00Z (EST): 25 hours, the repeated hour included.
    expect(reset('America/New_York', '2026-11-01T04:00:00Z', 'day')).toBe('2026-11-02T05:00:00.000Z');
    expect(reset('America/New_York', '2026-11-01T06:30:00Z', 'day')).toBe('2026-11-02T05:00:00.000Z');
    expect(reset('Asia/Kathmandu', '2026-01-15T17:45:00Z', 'day')).toBe('2026-01-15T18:15:00.000Z');
    expect(reset('Pacific/Kiritimati', '2026-01-15T09:30:00Z', 'day')).toBe('2026-01-15T10:00:00.000Z');
    expect(reset('Pacific/Pago_Pago', '2026-01-16T10:30:00Z', 'day')).toBe('2026-01-16T11:00:00.000Z');
  });

  it('of a week is the next local Monday midnight: 7 days and an hour across fall back', () => {
    expect(reset('America/New_York', '2026-10-26T04:00:00Z', 'week')).toBe('2026-11-02T05:00:00.000Z');
    expect(reset('America/New_York', '2026-11-01T12:00:00Z', 'week')).toBe('2026-11-02T05:00:00.000Z');
    expect(reset('America/New_York', '2026-03-08T12:00:00Z', 'week')).toBe('2026-03-09T04:00:00.000Z');
    // The same moment is Monday at UTC+14 and Sunday at UTC-11.
    expect(reset('Pacific/Kiritimati', '2027-01-03T12:00:00Z', 'week')).toBe('2027-01-10T10:00:00.000Z');
    expect(reset('Pacific/Pago_Pago', '2027-01-03T12:00:00Z', 'week')).toBe('2027-01-04T11:00:00.000Z');
  });

  it('is the moment the member\'s day changes, at random moments in seven zones', () => {
    const zones = ['America/New_York', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kathmandu', 'Europe/London', 'America/Santiago', 'America/Havana'];
    const moments = fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') });
    const daily: WindowDef = { kind: 'daily' };
    fc.assert(fc.property(moments, fc.constantFrom(...zones), (ms, zone) => {
      const next = nextLocalReset(zone, new Date(ms), 'day').getTime();
      const day = windowKeyOf(daily, new Date(ms), zone);
      expect(next).toBeGreaterThan(ms);
      expect(windowKeyOf(daily, new Date(next - 1), zone)).toBe(day);
      expect(windowKeyOf(daily, new Date(next), zone)).not.toBe(day);
    }), { numRuns: 2000 });
  });

  it('is local midnight after a day that began at 01:00, where DST starts at midnight', () => {
    // America/Santiago's 2026-09-06 runs from 04:00Z (01:00 -03) to 03:00Z on 09-07: 23 hours.
    expect(reset('America/Santiago', '2026-09-05T16:00:00Z', 'day')).toBe('2026-09-06T04:00:00.000Z');
    expect(reset('America/Santiago', '2026-09-06T04:00:00Z', 'day')).toBe('2026-09-07T03:00:00.000Z');
    expect(reset('America/Santiago', '2026-09-06T16:00:00Z', 'day')).toBe('2026-09-07T03:00:00.000Z');
    // America/Havana's 2026-03-08 likewise starts at 01:00 (05:00Z) and ends at 04:00Z.
    expect(reset('America/Havana', '2026-03-08T12:00:00Z', 'day')).toBe('2026-03-09T04:00:00.000Z');
  });
});

describe('streak days in a member\'s time zone', () => {
  /** The streak state after `moments` of a login event, placed by the engine's matching for a member in `timeZone`. */
  function streakOf(timeZone: string, moments: string[], over: Partial<CheckpointDef> = {}): CheckpointState | undefined {
    const cp = streakCp(over);
    const game: Game = {
      id: 'g', name: 'g', startsAt: '2020-01-01T00:00:00Z', endsAt: '2030-01-01T00:00:00Z', active: true, audience: {}, budgetCoins: 0, spentCoins: 0,
      milestones: [{ key: 'm', name: 'm', window: { kind: 'all_time' }, repeats: false, checkpoints: [cp], reward: { coins: 1, couponCampaignId: null } }],
      fundingAccountId: null, verification: null, createdAt: '2020-01-01T00:00:00Z',
    };
    const member = { id: 'member', timeZone, roles: ['buyer'], approved: true };
    let state: CheckpointState | undefined;
    for (const occurredAt of moments) {
      for (const m of matchEvent({ id: occurredAt, type: 'login', memberId: member.id, occurredAt, attributes: {} }, member, [game])) state = applyContribution(cp, state, m.contribution);
    }
    return state;
  }

  it('count 23:30 on its local day and 00:30 on the next (Asia/Kathmandu, UTC+5:45)', () => {
    // 23:30 local on the 15th, 16th and 17th: three days in a row.
    expect(streakOf('Asia/Kathmandu', ['2026-01-15T17:45:00Z', '2026-01-16T17:45:00Z', '2026-01-17T17:45:00Z'])?.value).toBe(3);
    // 23:30 on the 15th, then 00:30 on the 17th (18:45Z on the 16th): the 16th is missed.
    const state = streakOf('Asia/Kathmandu', ['2026-01-15T17:45:00Z', '2026-01-16T18:45:00Z']);
    expect(state).toEqual({ value: 1, days: each(1, '2026-01-15', '2026-01-17') });
  });

  it('make two events two hours apart a two-day streak at UTC+14 and UTC-11, and one day in UTC', () => {
    const moments = ['2026-01-15T09:30:00Z', '2026-01-15T11:30:00Z'];
    expect(streakOf('Pacific/Kiritimati', moments)?.days).toEqual(each(1, '2026-01-15', '2026-01-16'));
    expect(streakOf('Pacific/Pago_Pago', moments)?.days).toEqual(each(1, '2026-01-14', '2026-01-15'));
    expect(streakOf('UTC', moments)).toEqual({ value: 1, days: each(2, '2026-01-15') });
  });

  it('count the 23-hour and 25-hour days as one day each (America/New_York)', () => {
    // 23:30 EST on 03-07, 23:30 EDT on 03-08, 00:30 EDT on 03-10: the 9th is missed.
    const spring = ['2026-03-08T04:30:00Z', '2026-03-09T03:30:00Z', '2026-03-10T04:30:00Z'];
    expect(streakOf('America/New_York', spring)?.days).toEqual(each(1, '2026-03-07', '2026-03-08', '2026-03-10'));
    expect(streakOf('America/New_York', spring, { freezes: 0 })?.value).toBe(2);
    expect(streakOf('America/New_York', spring, { freezes: 1 })?.value).toBe(3);
    // 00:30 EDT, 01:30 EST (the repeated hour) and 23:30 EST: all on 11-01, which then has its three events.
    const fall = ['2026-11-01T04:30:00Z', '2026-11-01T06:30:00Z', '2026-11-02T04:30:00Z'];
    expect(streakOf('America/New_York', fall, { minPerDay: 3 })).toEqual({ value: 1, days: each(3, '2026-11-01') });
    expect(streakOf('UTC', fall, { minPerDay: 3 })?.value).toBe(0);
  });
});

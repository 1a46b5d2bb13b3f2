import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memberDay } from '../../src/platform/time.js';

const at = (iso: string) => new Date(iso);
const hourMs = 3600_000;

/** How many whole hours of [fromIso, toIso) fall on each local day, in the order the days come. */
function hoursPerDay(timeZone: string, fromIso: string, toIso: string): [string, number][] {
  const runs: [string, number][] = [];
  for (let t = Date.parse(fromIso); t < Date.parse(toIso); t += hourMs) {
    const day = memberDay(timeZone, new Date(t));
    const last = runs[runs.length - 1];
    if (last?.[0] === day) last[1] += 1;
    else runs.push([day, 1]);
  }
  return runs;
}

/** The next calendar date after `day` (YYYY-MM-DD), computed in UTC. */
const nextDate = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 24 * hourMs).toISOString().slice(0, 10);

describe('a member\'s spin day in America/New_York', () => {
  const ny = 'America/New_York';

  it('is one 23-hour day on 2026-03-08, when clocks spring forward', () => {
    expect(memberDay(ny, at('2026-03-08T04:59:59.999Z'))).toBe('2026-03-07'); // 23:59:59.999 EST
    expect(memberDay(ny, at('2026-03-08T05:00:00.000Z'))).toBe('2026-03-08'); // 00:00 EST
    expect(memberDay(ny, at('2026-03-08T06:59:59.999Z'))).toBe('2026-03-08'); // 01:59:59.999 EST
    expect(memberDay(ny, at('2026-03-08T07:00:00.000Z'))).toBe('2026-03-08'); // 03:00 EDT
    expect(memberDay(ny, at('2026-03-09T03:59:59.999Z'))).toBe('2026-03-08'); // 23:59:59.999 EDT
    expect(memberDay(ny, at('2026-03-09T04:00:00.000Z'))).toBe('2026-03-09'); // 00:00 EDT
    expect(hoursPerDay(ny, '2026-03-07T05:00:00Z', '2026-03-10T04:00:00Z')).toEqual([['2026-03-07', 24], ['2026-03-08', 23], ['2026-03-09', 24]]);
  });

  it('is one 25-hour day on 2026-11-01, when clocks fall back', () => {
    expect(memberDay(ny, at('2026-11-01T03:59:59.999Z'))).toBe('2026-10-31'); // 23:59:59.999 EDT
    expect(memberDay(ny, at('2026-11-01T04:00:00.000Z'))).toBe('2026-11-01'); // 00:00 EDT
    expect(memberDay(ny, at('2026-11-01T05:30:00.000Z'))).toBe('2026-11-01'); // 01:30 EDT
    expect(memberDay(ny, at('2026-11-01T06:30:00.000Z'))).toBe('2026-11-01'); // 01:30 EST, the repeated hour
    expect(memberDay(ny, at('2026-11-02T04:59:59.999Z'))).toBe('2026-11-01'); // 23:59:59.999 EST
    expect(memberDay(ny, at('2026-11-02T05:00:00.000Z'))).toBe('2026-11-02'); // 00:00 EST
    expect(hoursPerDay(ny, '2026-10-31T04:00:00Z', '2026-11-03T05:00:00Z')).toEqual([['2026-10-31', 24], ['2026-11-01', 25], ['2026-11-02', 24]]);
  });

  it('gives every day of 2026 once, 24 hours long except the two DST days', () => {
    const days = hoursPerDay(ny, '2026-01-01T05:00:00Z', '2027-01-01T05:00:00Z');
    expect(days).toHaveLength(365);
    expect(days[0]![0]).toBe('2026-01-01');
    for (let i = 1; i < days.length; i++) expect(days[i]![0]).toBe(nextDate(days[i - 1]![0]));
    expect(days.filter(([, hours]) => hours !== 24)).toEqual([['2026-03-08', 23], ['2026-11-01', 25]]);
  });
});

describe('a member\'s spin day in fixed-offset zones', () => {
  it('turns at 21:00 UTC in Europe/Istanbul (UTC+3 all year, no DST)', () => {
    expect(memberDay('Europe/Istanbul', at('2026-01-15T20:59:59.999Z'))).toBe('2026-01-15');
    expect(memberDay('Europe/Istanbul', at('2026-01-15T21:00:00.000Z'))).toBe('2026-01-16');
    expect(memberDay('Europe/Istanbul', at('2026-07-15T20:59:59.999Z'))).toBe('2026-07-15');
    expect(memberDay('Europe/Istanbul', at('2026-07-15T21:00:00.000Z'))).toBe('2026-07-16');
    // The weekend Europe's clocks change, Istanbul's days stay 24 hours.
    expect(hoursPerDay('Europe/Istanbul', '2026-03-27T21:00:00Z', '2026-03-30T21:00:00Z').map(([, h]) => h)).toEqual([24, 24, 24]);
    expect(hoursPerDay('Europe/Istanbul', '2026-10-23T21:00:00Z', '2026-10-26T21:00:00Z').map(([, h]) => h)).toEqual([24, 24, 24]);
  });

  it('turns at 10:00 UTC in Pacific/Kiritimati (UTC+14), a day ahead of UTC', () => {
    expect(memberDay('Pacific/Kiritimati', at('2026-12-31T09:59:59.999Z'))).toBe('2026-12-31');
    expect(memberDay('Pacific/Kiritimati', at('2026-12-31T10:00:00.000Z'))).toBe('2027-01-01');
    expect(memberDay('UTC', at('2026-12-31T10:00:00.000Z'))).toBe('2026-12-31');
    // UTC+14 and UTC-12 are 26 hours apart: for two hours a day they are two dates apart.
    expect(memberDay('Etc/GMT+12', at('2026-06-15T11:30:00Z'))).toBe('2026-06-14');
    expect(memberDay('Pacific/Kiritimati', at('2026-06-15T11:30:00Z'))).toBe('2026-06-16');
  });

  it('turns at midnight in UTC, leap days included', () => {
    expect(memberDay('UTC', at('2026-12-31T23:59:59.999Z'))).toBe('2026-12-31');
    expect(memberDay('UTC', at('2027-01-01T00:00:00.000Z'))).toBe('2027-01-01');
    expect(memberDay('UTC', at('2028-02-29T12:00:00.000Z'))).toBe('2028-02-29');
    expect(memberDay('UTC', at('2028-03-01T00:00:00.000Z'))).toBe('2028-03-01');
  });

  it('is the UTC date of the moment shifted by the zone\'s fixed offset', () => {
    // Fixed since 2016 (Istanbul) and 1995 (Kiritimati), so the offset is an independent oracle.
    const zones = [['UTC', 0], ['Europe/Istanbul', 3], ['Pacific/Kiritimati', 14], ['Etc/GMT+12', -12]] as const;
    const moments = fc.integer({ min: Date.parse('2017-01-01T00:00:00Z'), max: Date.parse('2099-12-31T00:00:00Z') });
    fc.assert(fc.property(moments, fc.constantFrom(...zones), (ms, [zone, offsetHours]) => {
      expect(memberDay(zone, new Date(ms))).toBe(new Date(ms + offsetHours * hourMs).toISOString().slice(0, 10));
    }), { numRuns: 2000 });
  });
});

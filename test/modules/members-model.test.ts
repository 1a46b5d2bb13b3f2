import { describe, expect, it } from 'vitest';
import { canTransition, isValidTimeZone } from '../../src/modules/members/model.js';
import { VERIFICATION_STATES } from '../../src/platform/auth.js';

describe('verification transitions', () => {
  it('lets an admin decide a pending member any way', () => {
    for (const to of ['approved', 'rejected', 'needs_changes'] as const) expect(canTransition('pending', to, 'admin')).toBe(true);
  });

  it('never allows a transition to the same state', () => {
    for (const s of VERIFICATION_STATES) {
      expect(canTransition(s, s, 'admin')).toBe(false);
      expect(canTransition(s, s, 'self')).toBe(false);
    }
  });

  it('lets a member only resubmit after being asked for changes', () => {
    const allowed = VERIFICATION_STATES.flatMap((from) => VERIFICATION_STATES.filter((to) => canTransition(from, to, 'self')).map((to) => `${from}->${to}`));
    expect(allowed).toEqual(['needs_changes->pending']);
  });

  it('never lets an admin send a member back to pending', () => {
    for (const s of VERIFICATION_STATES) expect(canTransition(s, 'pending', 'admin')).toBe(false);
  });
});

describe('time zones', () => {
  it('accepts IANA names and refuses others', () => {
    expect(isValidTimeZone('Europe/Istanbul')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});

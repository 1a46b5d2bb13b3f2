import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../src/api/client';
import { nextLocalReset } from '../src/pages/buyer/live/format';
import { merge } from '../src/pages/buyer/live/merge';
import { landingRotation, PrizeWheel, sliceAtPointer, sliceCentre, SLICE_COLOURS, type WheelSlice } from '../src/pages/buyer/live/PrizeWheel';
import { entriesBetween, type AuctionSnapshot } from '../src/pages/buyer/live/useAuctionStream';
import { SPIN_MS, WheelSpinner, type SpinOutcome, type SpinnableWheel } from '../src/pages/buyer/live/WheelSpinner';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const slicesOf = (n: number): WheelSlice[] =>
  Array.from({ length: n }, (_, i) => ({ position: i, kind: i % 3 === 0 ? 'coupon' : i % 3 === 1 ? 'coins' : 'nothing', label: `Prize ${i + 1}` }));

const wheelOf = (n: number): SpinnableWheel => ({
  id: '00000000-0000-4000-8000-000000000001', name: 'Test wheel', spinsPerDay: 3,
  validFrom: '2000-01-01T00:00:00Z', validTo: '2999-01-01T00:00:00Z', slices: slicesOf(n),
});

/** The degrees (-180..180] between slice `position`'s middle and the pointer at the top, after turning by `rotation`. */
function offPointer(count: number, position: number, rotation: number): number {
  const a = (((sliceCentre(count, position) + rotation) % 360) + 360) % 360;
  return a > 180 ? a - 360 : a;
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

function rotationShown(): number {
  const rotor = screen.getByTestId('wheel-rotor');
  const m = /rotate\((-?[\d.]+)deg\)/.exec(rotor.style.transform);
  return m ? Number(m[1]) : NaN;
}

describe('the prize wheel drawing', () => {
  it('draws one slice per prize with its label and its own colour', () => {
    const slices = slicesOf(6);
    const { container } = render(<PrizeWheel slices={slices} rotation={0} durationMs={0} />);
    expect(screen.getByRole('img', { name: /Prize wheel with 6 slices: Prize 1, Prize 2/ })).toBeTruthy();
    const drawn = container.querySelectorAll('[data-slice]');
    expect(drawn).toHaveLength(6);
    const labels = [...container.querySelectorAll('[data-slice] text')].map((t) => t.lastChild?.textContent);
    expect(labels).toEqual(slices.map((s) => s.label));
    const fills = [...container.querySelectorAll('[data-slice] path')].map((p) => p.getAttribute('fill'));
    expect(new Set(fills).size).toBe(6);
  });

  it('has a distinct colour for every slice of the largest wheel (24), and shortens long labels', () => {
    expect(new Set(SLICE_COLOURS).size).toBe(24);
    const slices = slicesOf(24).map((s, i) => (i === 5 ? { ...s, label: 'A very long prize label that does not fit' } : s));
    const { container } = render(<PrizeWheel slices={slices} rotation={0} durationMs={0} />);
    expect(container.querySelectorAll('[data-slice]')).toHaveLength(24);
    const long = container.querySelectorAll('[data-slice] text')[5]!;
    expect(long.querySelector('title')?.textContent).toBe('A very long prize label that does not fit');
    expect(long.lastChild?.textContent?.endsWith('…')).toBe(true);
  });

  it('draws a wheel of one slice as a whole disc', () => {
    const { container } = render(<PrizeWheel slices={slicesOf(1)} rotation={0} durationMs={0} />);
    expect(container.querySelectorAll('[data-slice] circle')).toHaveLength(1);
  });
});

describe('the landing rotation', () => {
  it('puts the chosen slice under the pointer, for every slice of wheels of 1 to 24 slices', () => {
    for (const count of [1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 16, 23, 24]) {
      for (let position = 0; position < count; position++) {
        for (const from of [0, 37.5, 360, 1234.56, -90]) {
          for (const offset of [0, -1, 1, 0.4]) {
            const turns = 5;
            const to = landingRotation(count, position, from, turns, offset);
            expect(sliceAtPointer(count, to)).toBe(position);
            // Independently of sliceAtPointer: the slice's middle is within its half-width of the top.
            expect(Math.abs(offPointer(count, position, to))).toBeLessThan(180 / count);
            // It turns forward by at least the turns asked for, and less than one more.
            expect(to).toBeGreaterThanOrEqual(from + turns * 360);
            expect(to).toBeLessThan(from + (turns + 1) * 360);
          }
        }
      }
    }
  });

  it('lands dead centre without an offset, and needs no turn with reduced motion', () => {
    const to = landingRotation(8, 3, 0, 0);
    expect(offPointer(8, 3, to)).toBeCloseTo(0, 9);
    expect(to).toBeGreaterThanOrEqual(0);
    expect(to).toBeLessThan(360);
  });
});

describe('spinning', () => {
  it('keeps Spin focusable but inert while spinning, lands on the slice the server chose, then announces the prize', async () => {
    vi.useFakeTimers();
    const answer = deferred<{ outcome: SpinOutcome }>();
    const spin = vi.fn((_id: string) => answer.promise);
    const settled = vi.fn();
    render(<WheelSpinner wheel={wheelOf(6)} spin={spin} onSettled={settled} />);
    const button = screen.getByRole('button', { name: 'Spin' }) as HTMLButtonElement;
    const busy = () => button.getAttribute('aria-disabled') === 'true';
    expect(button.disabled).toBe(false);
    expect(busy()).toBe(false);

    fireEvent.click(button);
    // aria-disabled, not disabled: a disabled button would drop the keyboard focus.
    expect(busy()).toBe(true);
    expect(button.disabled).toBe(false);
    fireEvent.click(button);
    expect(spin).toHaveBeenCalledTimes(1);
    expect(spin.mock.calls[0]![0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    await act(async () => answer.resolve({ outcome: { kind: 'coupon', position: 3, label: '10% off', code: '7KQ2M-XR4PD' } }));
    // Turning: still inert, nothing announced yet, and the wheel is on its way to slice 3.
    expect(busy()).toBe(true);
    fireEvent.click(button);
    expect(spin).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('status').textContent).not.toMatch(/You won/);
    expect(sliceAtPointer(6, rotationShown())).toBe(3);

    act(() => vi.advanceTimersByTime(SPIN_MS + 300));
    expect(busy()).toBe(false);
    expect(screen.getByRole('status').textContent).toMatch(/You won 10% off! Your coupon code is 7KQ2M-XR4PD/);
    expect(settled).toHaveBeenCalledWith(expect.objectContaining({ kind: 'coupon', code: '7KQ2M-XR4PD' }));
  });

  it('retries a spin whose answer was lost with the same id, and starts a new spin after a refusal', async () => {
    const spin = vi.fn<(id: string) => Promise<{ outcome: SpinOutcome }>>()
      .mockRejectedValueOnce(new ApiError('NETWORK', 'Trove could not be reached. Check your connection and try again.', 0))
      .mockRejectedValueOnce(new ApiError('WHEEL_DAILY_LIMIT_REACHED', 'You have used today\'s spins. Come back tomorrow.', 409))
      .mockResolvedValue({ outcome: { kind: 'nothing', position: 0, label: 'Try again' } });
    render(<WheelSpinner wheel={wheelOf(4)} spin={spin} />);
    const button = screen.getByRole('button', { name: 'Spin' });

    await act(async () => fireEvent.click(button));
    expect(screen.getByRole('alert').textContent).toMatch(/could not be reached/);
    await act(async () => fireEvent.click(button));
    expect(spin.mock.calls[1]![0]).toBe(spin.mock.calls[0]![0]);
    expect(screen.getByRole('alert').textContent).toMatch(/used today's spins/);
    await act(async () => fireEvent.click(button));
    expect(spin.mock.calls[2]![0]).not.toBe(spin.mock.calls[1]![0]);
  });

  it('cannot be spun outside the wheel\'s window', () => {
    render(<WheelSpinner wheel={{ ...wheelOf(3), validTo: '2001-01-01T00:00:00Z' }} spin={vi.fn()} now={new Date('2026-01-01T00:00:00Z')} />);
    expect((screen.getByRole('button', { name: 'Spin' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/This wheel ended/)).toBeTruthy();
  });
});

describe('live helpers of the buyer pages', () => {
  const snap = (s: Partial<AuctionSnapshot>): AuctionSnapshot => ({
    auctionId: 'a', priceMinor: 100, bidCount: 0, endsAt: '2026-01-01T10:00:00Z', state: 'open', outcome: null, leading: false, ...s,
  });

  it('adds a history entry per change of the bid count, an extension, and the close', () => {
    const at = new Date('2026-01-01T09:00:00Z');
    expect(entriesBetween(snap({}), snap({}), at)).toEqual([]);
    const [bid] = entriesBetween(snap({}), snap({ bidCount: 3, priceMinor: 300, endsAt: '2026-01-01T10:02:00Z', leading: true }), at);
    expect(bid).toMatchObject({ kind: 'bid', newBids: 3, priceMinor: 300, leading: true, extendedTo: '2026-01-01T10:02:00Z' });
    const closed = entriesBetween(snap({ bidCount: 3 }), snap({ bidCount: 3, state: 'closed', outcome: 'sold' }), at);
    expect(closed).toEqual([expect.objectContaining({ kind: 'closed', outcome: 'sold' })]);
  });

  it('takes the stream\'s price and end when they are newer than the auction read', () => {
    const read = {
      id: 'a', listingId: 'l', sellerId: 's', title: 'T', currency: 'COIN', kind: 'english' as const, startPriceMinor: 100, priceMinor: 100,
      minimumBidMinor: 100, bidCount: 0, leading: false, yourMaxMinor: null, reserve: null, buyNowMinor: 900,
      antiSniping: { windowS: 120, extendS: 120 }, endsAt: '2026-01-01T10:00:00Z', state: 'open' as const, outcome: null, orderId: null,
      createdAt: '2026-01-01T00:00:00Z', closedAt: null,
    };
    expect(merge(read, null)).toBe(read);
    expect(merge(read, snap({ bidCount: 2, priceMinor: 250, endsAt: '2026-01-01T10:02:00Z', leading: true }))).toMatchObject({ priceMinor: 250, bidCount: 2, endsAt: '2026-01-01T10:02:00Z', leading: true });
    expect(merge({ ...read, bidCount: 3, priceMinor: 400 }, snap({ bidCount: 2, priceMinor: 250 }))).toMatchObject({ priceMinor: 400, bidCount: 3 });
    expect(merge(read, snap({ state: 'closed', outcome: 'no_bids' }))).toMatchObject({ state: 'closed', outcome: 'no_bids', buyNowMinor: null, minimumBidMinor: null });
  });

  it('works out the next local midnight and Monday in a time zone, across a DST change', () => {
    // Istanbul is UTC+3 all year: Thursday 26 Nov 2026 05:00 local.
    expect(nextLocalReset('Europe/Istanbul', new Date('2026-11-26T02:00:00Z'), 'day').toISOString()).toBe('2026-11-26T21:00:00.000Z');
    expect(nextLocalReset('Europe/Istanbul', new Date('2026-11-26T02:00:00Z'), 'week').toISOString()).toBe('2026-11-29T21:00:00.000Z');
    // Berlin springs forward on 29 Mar 2026: the next midnight after Saturday evening is still UTC+1, Monday's is UTC+2.
    expect(nextLocalReset('Europe/Berlin', new Date('2026-03-28T20:00:00Z'), 'day').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(nextLocalReset('Europe/Berlin', new Date('2026-03-28T20:00:00Z'), 'week').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(nextLocalReset('America/New_York', new Date('2026-11-02T03:30:00Z'), 'day').toISOString()).toBe('2026-11-02T05:00:00.000Z');
  });
});

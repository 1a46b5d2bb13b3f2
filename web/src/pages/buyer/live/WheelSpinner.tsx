import { useEffect, useRef, useState } from 'react';
import { busyProps } from '../../../ui/ConfirmButton';
import { formatDateTime } from '../../../ui/format';
import { useIdempotencyKey } from '../../../ui/idempotency';
import { Button, ErrorNote } from '../../../ui/kit';
import { formatMoney } from '../../../ui/money';
import { landingRotation, PrizeWheel, type WheelSlice } from './PrizeWheel';

export interface SpinOutcome {
  kind: 'coupon' | 'coins' | 'nothing';
  position: number;
  label: string;
  code?: string;
  amount?: number;
}

export interface SpinnableWheel {
  id: string;
  name: string;
  spinsPerDay: number | null;
  validFrom: string;
  validTo: string;
  slices: WheelSlice[];
}

export const SPIN_MS = 4_500;

function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export function describeOutcome(o: SpinOutcome): string {
  if (o.kind === 'coupon') return `You won ${o.label}! Your coupon code is ${o.code ?? ''}. It is in “Your coupons”.`;
  if (o.kind === 'coins') return `You won ${formatMoney(o.amount ?? 0, 'COIN')}! They are in your wallet.`;
  return `No prize this time: “${o.label}”.`;
}

/**
 * The wheel and its Spin button. The spin is asked of the server first (with an id chosen here,
 * kept for a retry after a network failure so the same spin is answered again), then the wheel
 * turns to land on the slice the server chose, and only then is the prize announced.
 */
export function WheelSpinner({ wheel, spin, onSettled, now = new Date() }: {
  wheel: SpinnableWheel;
  spin: (spinId: string) => Promise<{ outcome: SpinOutcome }>;
  onSettled?: (outcome: SpinOutcome) => void;
  now?: Date;
}) {
  const [rotation, setRotation] = useState(0);
  const [phase, setPhase] = useState<'idle' | 'asking' | 'turning'>('idle');
  const [duration, setDuration] = useState(0);
  const [won, setWon] = useState<SpinOutcome | null>(null);
  const [error, setError] = useState<unknown>(null);
  // The spin's id is its idempotency key: kept for a retry after a lost answer (the same spin is
  // answered again), new after an answer or a refusal (ui/idempotency.ts).
  const spinIds = useIdempotencyKey();
  const inFlight = useRef(false);
  const landing = useRef<SpinOutcome | null>(null);
  const fallback = useRef<ReturnType<typeof setTimeout> | null>(null);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      if (fallback.current) clearTimeout(fallback.current);
    };
  }, []);

  const notOpenYet = now < new Date(wheel.validFrom);
  const ended = now > new Date(wheel.validTo);
  const open = !notOpenYet && !ended && wheel.slices.length > 0;

  const settle = () => {
    if (fallback.current) clearTimeout(fallback.current);
    fallback.current = null;
    const outcome = landing.current;
    landing.current = null;
    if (!outcome || !mounted.current) return;
    setWon(outcome);
    setPhase('idle');
    onSettled?.(outcome);
  };

  const onSpin = async () => {
    if (inFlight.current || phase !== 'idle' || !open) return;
    inFlight.current = true;
    setError(null);
    setWon(null);
    setPhase('asking');
    try {
      const { outcome } = await spinIds.run({ wheel: wheel.id }, spin);
      if (!mounted.current) return;
      const index = Math.max(0, wheel.slices.findIndex((s) => s.position === outcome.position));
      const reduced = prefersReducedMotion();
      const ms = reduced ? 0 : SPIN_MS;
      landing.current = outcome;
      setDuration(ms);
      const offset = Math.random() * 1.2 - 0.6;
      setRotation((from) => landingRotation(wheel.slices.length, index, from, reduced ? 0 : 5, offset));
      setPhase('turning');
      // transitionend settles it; this is for no transition (reduced motion) or a missed event.
      fallback.current = setTimeout(settle, ms + 200);
    } catch (err) {
      if (!mounted.current) return;
      setError(err);
      setPhase('idle');
    } finally {
      inFlight.current = false;
    }
  };

  const busy = phase !== 'idle';
  return (
    <div className="flex flex-col items-center gap-4">
      <PrizeWheel slices={wheel.slices} rotation={rotation} durationMs={duration} onSettled={settle} />
      <div className="flex flex-col items-center gap-1 text-center">
        {/* Busy: still focusable (aria-disabled), so the keyboard stays on Spin; closed: disabled. */}
        <Button onClick={() => void onSpin()} disabled={!open} aria-describedby="wheel-status" {...busyProps(busy, 'min-w-32 text-base')}>
          Spin
        </Button>
        {wheel.spinsPerDay !== null && <p className="text-sm text-slate-600">Up to {wheel.spinsPerDay} {wheel.spinsPerDay === 1 ? 'spin' : 'spins'} a day.</p>}
        {notOpenYet && <p className="text-sm text-slate-700">This wheel opens on {formatDateTime(wheel.validFrom)}.</p>}
        {ended && <p className="text-sm text-slate-700">This wheel ended on {formatDateTime(wheel.validTo)}.</p>}
      </div>
      <div id="wheel-status" role="status" aria-live="polite" className="min-h-12 w-full max-w-md text-center">
        {phase === 'asking' && <p className="text-slate-600">Spinning…</p>}
        {phase === 'turning' && <p className="text-slate-600">The wheel is spinning…</p>}
        {phase === 'idle' && won && (
          <div className={`rounded-md border px-3 py-2 ${won.kind === 'nothing' ? 'border-slate-300 bg-slate-50' : 'border-green-300 bg-green-50 text-green-900'}`}>
            <p className="font-semibold">{describeOutcome(won)}</p>
            {won.kind === 'coupon' && won.code && <p className="mt-1 font-mono text-lg tracking-wider">{won.code}</p>}
          </div>
        )}
      </div>
      <ErrorNote error={error} />
    </div>
  );
}

import { useEffect, useRef, useState } from 'react';
import { formatDateTime } from '../../../ui/format';
import { formatDuration } from './format';

/**
 * Time left until `endsAt`, ticking every second. When the end moves later (anti-sniping), it says
 * so for a while, politely announced. At zero it shows "Ending…" until the close arrives.
 */
export function Countdown({ endsAt, open }: { endsAt: string; open: boolean }) {
  const [now, setNow] = useState(() => Date.now());
  const [extended, setExtended] = useState<string | null>(null);
  const previous = useRef(endsAt);

  useEffect(() => {
    if (!open) return;
    const t = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(t);
  }, [open]);

  useEffect(() => {
    if (new Date(endsAt) > new Date(previous.current)) {
      setExtended(endsAt);
      const t = setTimeout(() => setExtended(null), 15_000);
      previous.current = endsAt;
      return () => clearTimeout(t);
    }
    previous.current = endsAt;
  }, [endsAt]);

  const left = new Date(endsAt).getTime() - now;
  return (
    <div>
      <p className="text-sm text-slate-700">{open ? 'Ends' : 'Ended'} {formatDateTime(endsAt, { seconds: true })}</p>
      {open && (
        <p role="timer" aria-label="Time left" className={`text-lg font-semibold tabular-nums ${left < 120_000 ? 'text-red-700' : 'text-slate-900'}`}>
          {left > 0 ? `${formatDuration(left)} left` : 'Ending…'}
        </p>
      )}
      <p aria-live="polite" className="text-sm text-amber-800">
        {extended && open ? `A late bid extended the end to ${formatDateTime(extended, { seconds: true })}.` : ''}
      </p>
    </div>
  );
}

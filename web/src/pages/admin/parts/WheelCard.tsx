import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { api, must, type Json } from '../../../api/client';
import { formatDateTime, formatNumber, plural } from '../../../ui/format';
import { Badge, Card, ErrorNote } from '../../../ui/kit';
import { Table, td } from '../../../ui/Table';
import { LIVE_MS } from './CampaignCard';
import type { Wheel } from './lists';

type Left = Json<'/v1/wheels/{id}/state', 'get'>['slices'][number]['left'];
const KIND = { coupon: 'Coupon', coins: 'Coins', nothing: 'No prize' } as const;

function leftText(left: Left): string {
  if (left === null) return '—';
  if (left.kind === 'coupon') return `${formatNumber(left.remaining)} left, ${formatNumber(left.leased)} leased${left.campaignActive ? '' : ' (campaign not running)'}`;
  return `${plural(left.prizes, 'prize')} (${formatNumber(left.available)} coins in ${left.accountId})`;
}

/** A wheel with its live state: spins, hits per slice and what each slice has left. */
export function WheelCard({ wheel: w }: { wheel: Wheel }) {
  const headingId = useId();
  const state = useQuery({
    queryKey: ['admin', 'wheel-state', w.id],
    queryFn: () => must(api.GET('/v1/wheels/{id}/state', { params: { path: { id: w.id } } })),
    refetchInterval: LIVE_MS,
  });
  const s = state.data;
  return (
    <Card className="mb-3">
      <article aria-labelledby={headingId}>
        <div className="flex flex-wrap items-center gap-2">
          <h3 id={headingId} className="text-lg font-semibold">{w.name}</h3>
          {s && <Badge tone={s.active ? 'green' : 'slate'}>{s.active ? 'Active' : 'Not active'}</Badge>}
          {s?.exhausted && <Badge tone="red">Exhausted</Badge>}
        </div>
        <p className="text-sm text-slate-600">
          {formatDateTime(w.validFrom)} – {formatDateTime(w.validTo)} · {w.spinsPerDay ? `${w.spinsPerDay} spin${w.spinsPerDay === 1 ? '' : 's'} a day` : 'no daily limit'} · weights {w.weightMode === 'stock' ? 'by stock' : 'explicit'}
        </p>
        {state.isPending ? <p className="mt-2 text-sm text-slate-600">Loading live state…</p> : !s ? <ErrorNote error={state.error} onRetry={() => void state.refetch()} /> : (
          <>
            <p className="my-2 text-sm">
              <strong className="tabular-nums">{plural(s.totalSpins, 'spin')}</strong>: {plural(s.spinsByKind.coupon, 'coupon')}, {plural(s.spinsByKind.coins, 'coin prize')}, {formatNumber(s.spinsByKind.nothing)} without a prize
            </p>
            <Table caption={`Slices of ${w.name}`} head={['#', 'Slice', 'Prize', 'Hits', 'Left']}>
              {s.slices.map((sl) => (
                <tr key={sl.position}>
                  <td className={td}>{sl.position + 1}</td>
                  <td className={td}>{sl.label}</td>
                  <td className={td}>{KIND[sl.kind]}</td>
                  <td className={`${td} whitespace-nowrap tabular-nums`}>{formatNumber(sl.hits)}</td>
                  <td className={td}>{leftText(sl.left)}</td>
                </tr>
              ))}
            </Table>
          </>
        )}
      </article>
    </Card>
  );
}

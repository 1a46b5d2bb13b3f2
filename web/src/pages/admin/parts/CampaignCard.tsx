import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { api, must } from '../../../api/client';
import { busyProps } from '../../../ui/ConfirmButton';
import { couponValueText } from '../../../ui/coupons';
import { formatDateTime, formatNumber, plural } from '../../../ui/format';
import { Badge, Button, Card, ErrorNote } from '../../../ui/kit';
import { formatMoney } from '../../../ui/money';
import { Done, FormError, Input, Stats } from './common';
import type { Campaign } from './lists';

export const LIVE_MS = 4000;

/** A campaign: its terms, its live stock (refreshed every few seconds) and code generation. */
export function CampaignCard({ campaign: c }: { campaign: Campaign }) {
  const headingId = useId();
  const now = Date.now();
  const live = Date.parse(c.validFrom) <= now && now < Date.parse(c.validTo);
  return (
    <Card className="mb-3">
      <article aria-labelledby={headingId}>
        <div className="flex flex-wrap items-center gap-2">
          <h3 id={headingId} className="text-lg font-semibold">{c.name}</h3>
          <Badge tone={live ? 'green' : 'slate'}>{live ? 'Running' : Date.parse(c.validFrom) > now ? 'Not started' : 'Ended'}</Badge>
          <Badge tone="indigo">{c.codeMode === 'shared' ? `Code ${c.sharedCode ?? ''}` : 'Unique codes'}</Badge>
          {c.ownerSellerId && <Badge>Seller's own</Badge>}
        </div>
        <p className="mt-1 text-sm text-slate-700">
          {couponValueText(c)} · limit {formatNumber(c.limitTotal)} ({c.perMemberLimit} per member)
          {c.minCartMinor > 0 && ` · carts from ${formatMoney(c.minCartMinor, c.currency)}`}
        </p>
        <p className="text-sm text-slate-600">{formatDateTime(c.validFrom)} – {formatDateTime(c.validTo)}</p>
        {(c.targeting.sellers?.length || c.targeting.categories?.length) ? (
          <p className="break-all text-sm text-slate-600">
            Targets {c.targeting.sellers?.length ? `sellers ${c.targeting.sellers.join(', ')}` : ''}
            {c.targeting.sellers?.length && c.targeting.categories?.length ? '; ' : ''}
            {c.targeting.categories?.length ? `categories ${c.targeting.categories.join(', ')}` : ''}
          </p>
        ) : null}
        <Stock campaign={c} />
        {c.codeMode === 'unique' && <GenerateCodes campaign={c} />}
      </article>
    </Card>
  );
}

function Stock({ campaign: c }: { campaign: Campaign }) {
  const stats = useQuery({
    queryKey: ['admin', 'campaign-stats', c.id],
    queryFn: () => must(api.GET('/v1/coupon-campaigns/{id}/stats', { params: { path: { id: c.id } } })),
    refetchInterval: LIVE_MS,
  });
  if (stats.isPending) return <p className="mt-3 text-sm text-slate-600">Loading stock…</p>;
  if (stats.error || !stats.data) return <ErrorNote error={stats.error} onRetry={() => void stats.refetch()} />;
  const s = stats.data;
  const cells: [string, number][] = [['Issued', s.issued], ['Reserved', s.reserved], ['Redeemed', s.redeemed], ['Returned', s.returned], ['Remaining', s.remaining], ['Leased', s.leased]];
  const pct = (n: number) => `${s.limitTotal ? (100 * n) / s.limitTotal : 0}%`;
  return (
    <div className="mt-3">
      <h4 className="sr-only">Live stock</h4>
      <div className="flex h-3 overflow-hidden rounded-full bg-slate-200" role="img"
        aria-label={`${s.issued} issued, ${s.leased} leased, ${s.remaining} remaining of ${s.limitTotal}`}>
        <div className="bg-indigo-600" style={{ width: pct(s.issued) }} />
        <div className="bg-amber-400" style={{ width: pct(s.leased) }} />
      </div>
      <Stats items={cells.map(([label, n]) => [label, formatNumber(n)] as const)} cols="sm:grid-cols-6" className="mt-2" />
      <p className="mt-1 text-xs text-slate-600" aria-live="off">
        {plural(s.perMember.holders, 'member holds', 'members hold')} a coupon, {formatNumber(s.perMember.atLimit)} at their limit · updated every few seconds
      </p>
    </div>
  );
}

function GenerateCodes({ campaign: c }: { campaign: Campaign }) {
  const client = useQueryClient();
  const [count, setCount] = useState('100');
  const [done, setDone] = useState('');
  const generate = useMutation({
    mutationFn: (n: number) => must(api.POST('/v1/coupon-campaigns/{id}/codes', { params: { path: { id: c.id } }, body: { count: n } })),
    onSuccess: async (r) => {
      setDone(`${plural(r.added, 'code')} added; the campaign has ${formatNumber(r.total)}.`);
      await client.invalidateQueries({ queryKey: ['admin', 'campaign-stats', c.id] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (generate.isPending) return;
    setDone('');
    const n = Number(count);
    if (Number.isInteger(n) && n >= 1) generate.mutate(n);
  };
  return (
    <form onSubmit={submit} className="mt-3 flex flex-wrap items-end gap-2" aria-label={`Generate codes for ${c.name}`}>
      <Input label="Number of codes" type="number" min={1} max={100000} value={count} onChange={(e) => setCount(e.target.value)} className="!mb-0 w-40" />
      <Button type="submit" variant="secondary" {...busyProps(generate.isPending)}>{generate.isPending ? 'Generating…' : 'Generate codes'}</Button>
      <div className="w-full"><Done>{done}</Done><FormError error={generate.error} /></div>
    </form>
  );
}

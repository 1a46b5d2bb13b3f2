import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, must, type Json } from '../../api/client';
import { formatNumber } from '../../ui/format';
import { Button, Empty, Loaded, Page } from '../../ui/kit';
import { currencyDigits, formatMoney } from '../../ui/money';
import { Chart, compact } from './parts/Chart';
import { Choice, Input, Stats } from './parts/common';

type Day = Json<'/v1/analytics/daily', 'get'>['days'][number];
type Amounts = Day['gmv'];

const MAX_DAYS = 92;
const iso = (d: Date) => d.toISOString().slice(0, 10);
const dayMs = 86_400_000;
const span = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / dayMs) + 1;
const amountIn = (list: Amounts, currency: string) => list.find((a) => a.currency === currency)?.amountMinor ?? 0;

/** Whole units of a minor amount, for an axis tick (an approximation is fine there; never for amounts shown as money). */
const major = (minor: number, currency: string) => minor / 10 ** currencyDigits(currency);

/** Daily figures as charts (GMV, orders, bids, spins, coins paid out, discounts), each with its data table. */
export default function Analytics() {
  const today = new Date();
  const [range, setRange] = useState({ from: iso(new Date(today.getTime() - 29 * dayMs)), to: iso(today) });
  const [draft, setDraft] = useState(range);
  const [problem, setProblem] = useState('');
  const query = useQuery({
    queryKey: ['admin', 'analytics', range.from, range.to],
    queryFn: () => must(api.GET('/v1/analytics/daily', { params: { query: range } })),
  });

  const apply = (e: FormEvent) => {
    e.preventDefault();
    if (!draft.from || !draft.to) return setProblem('Give both days.');
    if (draft.from > draft.to) return setProblem('“From” must not be after “To”.');
    if (span(draft.from, draft.to) > MAX_DAYS) return setProblem(`At most ${MAX_DAYS} days at a time.`);
    setProblem('');
    setRange(draft);
  };

  return (
    <Page title="Analytics">
      <form onSubmit={apply} className="mb-4 flex flex-wrap items-end gap-3" aria-label="Date range">
        <Input label="From" type="date" value={draft.from} max={draft.to} onChange={(e) => setDraft({ ...draft, from: e.target.value })} className="!mb-0 w-44" />
        <Input label="To" type="date" value={draft.to} min={draft.from} onChange={(e) => setDraft({ ...draft, to: e.target.value })} className="!mb-0 w-44" />
        <Button type="submit">Show</Button>
        <p className="w-full text-sm text-slate-600">UTC days, both included, at most {MAX_DAYS}.</p>
        {problem && <p role="alert" className="w-full text-sm text-red-700">{problem}</p>}
      </form>
      <Loaded query={query}>{(data) => data.days.length === 0 ? <Empty>No days in this range.</Empty> : <Charts days={data.days} />}</Loaded>
    </Page>
  );
}

function Charts({ days }: { days: Day[] }) {
  const currencies = [...new Set(days.flatMap((d) => [...d.gmv, ...d.promotionDiscount, ...d.couponFixedDiscount].map((a) => a.currency)))].sort();
  const [picked, setPicked] = useState('');
  const currency = currencies.includes(picked) ? picked : currencies.includes('COIN') ? 'COIN' : currencies[0] ?? 'COIN';
  const labels = days.map((d) => d.day);
  const money = (n: number) => formatMoney(n, currency);
  const moneyTick = (n: number) => compact(major(n, currency));
  const sum = (f: (d: Day) => number) => days.reduce((a, d) => a + f(d), 0);
  const totals: [string, string][] = [
    [`GMV (${currency})`, money(sum((d) => amountIn(d.gmv, currency)))],
    ['Orders', formatNumber(sum((d) => d.orders))],
    ['Bids', formatNumber(sum((d) => d.bids))],
    ['Spins', formatNumber(sum((d) => d.spins))],
    ['Coins paid out', formatMoney(sum((d) => d.coinsPaidOut), 'COIN')],
    ['Coupons redeemed', formatNumber(sum((d) => d.couponsRedeemed))],
  ];
  return (
    <div>
      {currencies.length > 1 && (
        <div className="max-w-xs"><Choice label="Currency" value={currency} onChange={setPicked} options={currencies} /></div>
      )}
      <h2 className="sr-only">Totals</h2>
      <Stats items={totals} cols="sm:grid-cols-3 lg:grid-cols-6" className="mb-6" />
      <h2 className="sr-only">Charts</h2>
      <div className="grid gap-x-4 lg:grid-cols-2">
        <Chart title={`GMV (${currency})`} kind="bar" labels={labels} xLabel="Day (UTC)" yLabel={currency === 'COIN' ? 'Coins' : currency}
          series={[{ name: 'GMV', values: days.map((d) => amountIn(d.gmv, currency)) }]} format={money} tickFormat={moneyTick} />
        <Chart title="Orders" kind="bar" labels={labels} xLabel="Day (UTC)" yLabel="Orders"
          series={[{ name: 'Paid', values: days.map((d) => d.orders) }, { name: 'Cancelled', values: days.map((d) => d.cancelledOrders), color: '#ef4444' }]} format={formatNumber} />
        <Chart title="Bids" kind="bar" labels={labels} xLabel="Day (UTC)" yLabel="Bids" series={[{ name: 'Bids', values: days.map((d) => d.bids) }]} format={formatNumber} />
        <Chart title="Prize wheel spins" kind="bar" labels={labels} xLabel="Day (UTC)" yLabel="Spins" series={[{ name: 'Spins', values: days.map((d) => d.spins), color: '#f59e0b' }]} format={formatNumber} />
        <Chart title="Coins paid out" kind="line" labels={labels} xLabel="Day (UTC)" yLabel="Coins" format={(n) => formatMoney(n, 'COIN')}
          series={[{ name: 'Paid out to members', values: days.map((d) => d.coinsPaidOut), color: '#10b981' }, { name: 'Cashback on orders', values: days.map((d) => d.cashbackCoins), color: '#0ea5e9' }]} />
        <Chart title={`Discounts (${currency})`} kind="line" labels={labels} xLabel="Day (UTC)" yLabel={currency === 'COIN' ? 'Coins' : currency} format={money} tickFormat={moneyTick}
          series={[{ name: 'Promotions', values: days.map((d) => amountIn(d.promotionDiscount, currency)) }, { name: 'Fixed-value coupons', values: days.map((d) => amountIn(d.couponFixedDiscount, currency)), color: '#f59e0b' }]} />
      </div>
    </div>
  );
}

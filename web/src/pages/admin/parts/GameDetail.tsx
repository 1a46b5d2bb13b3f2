import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, must, type Json } from '../../../api/client';
import { formatDateTime, formatNumber } from '../../../ui/format';
import { Badge, Loaded } from '../../../ui/kit';
import { formatMoney } from '../../../ui/money';
import { Table, td } from '../../../ui/Table';
import { Chart } from './Chart';
import { Choice, Stats } from './common';
import type { MilestoneDraft } from './MilestoneEditor';

export type Game = Json<'/v1/games', 'get'>['items'][number];

/** The milestone as the service stores it (the schema leaves it open). */
interface Milestone {
  key: string; name: string; repeats: boolean;
  window: { kind: MilestoneDraft['window']; from?: string; to?: string };
  reward: { coins: number; couponCampaignId: string | null };
  checkpoints: { key: string; kind: string; eventType: string; target: number; distinctBy?: string; minPerDay?: number; freezes?: number; filters?: unknown[] }[];
}

const WINDOW = { all_time: 'all time', daily: 'each day', weekly: 'each week', range: 'fixed dates' } as const;
const coins = (n: number) => formatMoney(n, 'COIN');

export function Milestones({ game }: { game: Game }) {
  const milestones = game.milestones as Milestone[];
  return (
    <ol className="space-y-2">
      {milestones.map((m) => (
        <li key={m.key} className="rounded-md border border-slate-200 p-3">
          <p className="font-medium">{m.name} <span className="text-sm font-normal text-slate-600">({m.key})</span></p>
          <p className="text-sm text-slate-700">
            Window: {WINDOW[m.window.kind]}{m.window.kind === 'range' ? ` ${m.window.from ? formatDateTime(m.window.from) : '—'} – ${m.window.to ? formatDateTime(m.window.to) : '—'}` : ''}
            {m.repeats ? ', repeats' : ', once'} · Reward: {[m.reward.coins ? coins(m.reward.coins) : '', m.reward.couponCampaignId ? 'a coupon' : ''].filter(Boolean).join(' and ') || 'nothing'}
          </p>
          <ul className="mt-1 list-disc pl-5 text-sm text-slate-700">
            {m.checkpoints.map((c) => (
              <li key={c.key}>
                {c.key}: {c.kind} of <code className="rounded bg-slate-100 px-1">{c.eventType}</code>, target {formatNumber(c.target)}
                {c.distinctBy ? `, distinct by ${c.distinctBy}` : ''}{c.kind === 'streak' ? `, ${c.minPerDay ?? 1} a day, ${c.freezes ?? 0} freezes` : ''}
                {c.filters?.length ? `, ${c.filters.length} filter${c.filters.length === 1 ? '' : 's'}` : ''}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}

export function GameStats({ game }: { game: Game }) {
  const [days, setDays] = useState('7');
  const query = useQuery({
    queryKey: ['admin', 'game-stats', game.id, days],
    queryFn: () => must(api.GET('/v1/games/{id}/stats', { params: { path: { id: game.id }, query: { days: Number(days) } } })),
    refetchInterval: 10_000,
  });
  return (
    <Loaded query={query}>
      {(s) => {
        const used = s.budgetCoins ? Math.min(100, (100 * s.spentCoins) / s.budgetCoins) : 0;
        const perDay = [...s.participantsPerDay].sort((a, b) => a.day.localeCompare(b.day));
        return (
          <div>
            <Stats items={[['Budget', coins(s.budgetCoins)], ['Spent', coins(s.spentCoins)], ['Budget left', coins(s.budgetLeft)], ['Coins paid', coins(s.coinsPaid)]]} />
            <div className="mt-2 h-2 overflow-hidden rounded-full bg-slate-200" role="img" aria-label={`${Math.round(used)}% of the budget spent`}>
              <div className="h-full bg-indigo-600" style={{ width: `${used}%` }} />
            </div>
            <p className="mt-3 flex flex-wrap gap-2 text-sm">
              Completions: {Object.keys(s.completions).length === 0 ? 'none yet' : Object.entries(s.completions).map(([status, n]) => <Badge key={status} tone={status === 'paid' ? 'green' : status === 'verifying' ? 'amber' : 'red'}>{status.replaceAll('_', ' ')}: {n}</Badge>)}
            </p>
            {s.byMilestone.length > 0 && (
              <div className="mt-3">
                <Table caption="Completions by milestone" head={['Milestone', 'Completions', 'Coins paid']}>
                  {s.byMilestone.map((m) => (
                    <tr key={m.milestoneKey}><td className={td}>{m.milestoneKey}</td><td className={`${td} whitespace-nowrap tabular-nums`}>{formatNumber(m.completions)}</td><td className={`${td} whitespace-nowrap tabular-nums`}>{coins(m.coinsPaid)}</td></tr>
                  ))}
                </Table>
              </div>
            )}
            <div className="mt-3 max-w-40"><Choice label="Days" value={days} onChange={setDays} options={[['7', 'Last 7 days'], ['14', 'Last 14 days'], ['31', 'Last 31 days']]} /></div>
            <Chart title="Participants per day (estimate)" kind="bar" labels={perDay.map((d) => d.day)} series={[{ name: 'Participants', values: perDay.map((d) => d.estimate) }]}
              xLabel="Day (UTC)" yLabel="Members" format={formatNumber} />
          </div>
        );
      }}
    </Loaded>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, must, type Json } from '../../../api/client';
import type { paths } from '../../../api/schema';
import { busyProps } from '../../../ui/ConfirmButton';
import { formatDateTime, fromLocalInput, toLocalInput } from '../../../ui/format';
import { Badge, Button, Empty, Loaded } from '../../../ui/kit';
import { formatMoney } from '../../../ui/money';
import { Table, td } from '../../../ui/Table';
import { Check, Choice, Done, FormError, Input } from './common';
import type { Game } from './GameDetail';

type Completion = Json<'/v1/games/{id}/completions', 'get'>['items'][number];
type Status = NonNullable<NonNullable<paths['/v1/games/{id}/completions']['get']['parameters']['query']>['status']>;
const STATUSES: Status[] = ['paid', 'verifying', 'rejected', 'budget_exhausted', 'payout_failed'];

/** Name, end, budget and the active switch (milestones are fixed once a game exists). */
export function GameEdit({ game }: { game: Game }) {
  const client = useQueryClient();
  const [name, setName] = useState(game.name);
  const [endsAt, setEndsAt] = useState(toLocalInput(new Date(game.endsAt)));
  const [budget, setBudget] = useState(String(game.budgetCoins));
  const [active, setActive] = useState(game.active);
  const [done, setDone] = useState('');
  const save = useMutation({
    mutationFn: () => must(api.PATCH('/v1/games/{id}', {
      params: { path: { id: game.id } },
      body: { name: name.trim(), endsAt: fromLocalInput(endsAt) ?? game.endsAt, budgetCoins: Number(budget), active },
    })),
    onSuccess: async () => {
      setDone('Saved.');
      await client.invalidateQueries({ queryKey: ['admin', 'games'] });
      await client.invalidateQueries({ queryKey: ['admin', 'game-stats', game.id] });
    },
  });
  const submit = (e: FormEvent) => { e.preventDefault(); if (save.isPending) return; setDone(''); save.mutate(); };
  return (
    <form onSubmit={submit} aria-label={`Edit ${game.name}`} noValidate>
      <div className="grid gap-x-4 sm:grid-cols-3">
        <Input label="Name" value={name} onChange={(e) => setName(e.target.value)} />
        <Input label="Ends" type="datetime-local" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} />
        <Input label="Budget (coins)" type="number" min={game.spentCoins} value={budget} onChange={(e) => setBudget(e.target.value)} hint={`Not below what it paid: ${formatMoney(game.spentCoins, 'COIN')}`} />
      </div>
      <Check label="Active" checked={active} onChange={setActive} />
      <FormError error={save.error} />
      <Done>{done}</Done>
      <Button type="submit" {...busyProps(save.isPending)}>{save.isPending ? 'Saving…' : 'Save changes'}</Button>
    </form>
  );
}

export function Completions({ game }: { game: Game }) {
  const client = useQueryClient();
  const [status, setStatus] = useState<Status | ''>('');
  const [done, setDone] = useState('');
  const query = useQuery({
    queryKey: ['admin', 'completions', game.id, status],
    queryFn: () => must(api.GET('/v1/games/{id}/completions', { params: { path: { id: game.id }, query: { limit: 100, ...(status ? { status } : {}) } } })),
  });
  const retry = useMutation({
    mutationFn: (c: Completion) => must(api.POST('/v1/games/{id}/completions/verify', { params: { path: { id: game.id } }, body: { milestoneKey: c.milestoneKey, memberId: c.memberId, completionKey: c.completionKey } })),
    onSuccess: async () => {
      setDone('Asked the source again; the answer shows here when it comes.');
      await client.invalidateQueries({ queryKey: ['admin', 'completions', game.id] });
    },
  });
  return (
    <div>
      <div className="max-w-xs">
        <Choice label="Status" value={status} onChange={(v) => setStatus(v as Status | '')} options={[['', 'All'], ...STATUSES.map((s): [string, string] => [s, s.replaceAll('_', ' ')])]} />
      </div>
      <Done>{done}</Done>
      <FormError error={retry.error} />
      <Loaded query={query}>
        {(data) => data.items.length === 0 ? <Empty>No completions{status ? ` with status ${status.replaceAll('_', ' ')}` : ''} yet.</Empty> : (
          <Table caption={`Completions of ${game.name}`} head={['Completed', 'Member', 'Milestone', 'Window', 'Status', 'Coins', 'Detail', <span className="sr-only">Actions</span>]}>
            {data.items.map((c) => (
              <tr key={`${c.milestoneKey}|${c.memberId}|${c.completionKey}`}>
                <td className={`${td} whitespace-nowrap`}>{formatDateTime(c.completedAt)}</td>
                <td className={`${td} font-mono text-xs`}>{c.memberId}</td>
                <td className={td}>{c.milestoneKey}</td>
                <td className={td}>{c.windowKey}</td>
                <td className={td}><Badge tone={c.status === 'paid' ? 'green' : c.status === 'verifying' ? 'amber' : 'red'}>{c.status.replaceAll('_', ' ')}</Badge></td>
                <td className={`${td} whitespace-nowrap tabular-nums`}>{formatMoney(c.coins, 'COIN')}</td>
                <td className={td}>{c.detail ?? ''}{c.status === 'verifying' ? ` (${c.verifyAttempts} attempts${c.nextVerifyAt ? `, next ${formatDateTime(c.nextVerifyAt)}` : ', parked'})` : ''}</td>
                <td className={td}>
                  {c.status === 'verifying' && (
                    <Button variant="secondary" {...busyProps(retry.isPending)} onClick={() => { if (retry.isPending) return; setDone(''); retry.mutate(c); }}>
                      Verify again<span className="sr-only"> {c.milestoneKey} of {c.memberId}</span>
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </Table>
        )}
      </Loaded>
    </div>
  );
}

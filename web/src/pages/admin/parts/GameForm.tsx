import { useState } from 'react';
import { api, must, type Body } from '../../../api/client';
import { busyProps } from '../../../ui/ConfirmButton';
import { fromLocalInput } from '../../../ui/format';
import { Button, Card } from '../../../ui/kit';
import { Check, FormError, inDays, Input, splitList, useCreateForm } from './common';
import type { Campaign } from './lists';
import { MilestoneEditor, newMilestone, type MilestoneDraft } from './MilestoneEditor';

type GameBody = Body<'/v1/games', 'post'>;
type MilestoneBody = GameBody['milestones'][number];
type CheckpointBody = MilestoneBody['checkpoints'][number];
type Role = NonNullable<NonNullable<GameBody['audience']>['roles']>[number];
const ROLES: Role[] = ['buyer', 'seller', 'admin'];

/** A new game: dates, audience, budget and its milestones (fixed once created). */
export function GameForm({ campaigns, onCreated }: { campaigns: Campaign[]; onCreated: (name: string) => void }) {
  const [name, setName] = useState('');
  const [startsAt, setStartsAt] = useState(inDays(0));
  const [endsAt, setEndsAt] = useState(inDays(30));
  const [budget, setBudget] = useState('1000');
  const [funding, setFunding] = useState('sys:rewards:COIN');
  const [roles, setRoles] = useState<Role[]>(['buyer']);
  const [memberIds, setMemberIds] = useState('');
  const [verifyUrl, setVerifyUrl] = useState('');
  const [verifySecret, setVerifySecret] = useState('');
  const [milestones, setMilestones] = useState<MilestoneDraft[]>(() => [newMilestone()]);
  const { create, problem, submitWith } = useCreateForm((body: GameBody) => must(api.POST('/v1/games', { body })), 'games', (g) => onCreated(g.name));

  const submit = submitWith((): GameBody => {
    const from = fromLocalInput(startsAt);
    const to = fromLocalInput(endsAt);
    if (!name.trim()) throw new Error('Give the game a name.');
    if (!from || !to || to <= from) throw new Error('The end must be after the start.');
    const budgetCoins = Number(budget);
    if (!Number.isInteger(budgetCoins) || budgetCoins < 0) throw new Error('The budget is a whole number of coins.');
    const ids = splitList(memberIds);
    return {
      name: name.trim(), startsAt: from, endsAt: to, budgetCoins,
      audience: { ...(roles.length ? { roles } : {}), ...(ids.length ? { memberIds: ids } : {}) },
      ...(funding.trim() ? { fundingAccountId: funding.trim() } : {}),
      ...(verifyUrl.trim() ? { verification: { url: verifyUrl.trim(), secret: verifySecret } } : {}),
      milestones: milestones.map(toMilestone),
    };
  });

  return (
    <Card className="mb-4">
      <form onSubmit={submit} aria-label="New game" noValidate>
        <h3 className="mb-3 text-lg font-semibold">New game</h3>
        <div className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-3">
          <Input label="Game name" value={name} onChange={(e) => setName(e.target.value)} />
          <Input label="Starts" type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />
          <Input label="Ends" type="datetime-local" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} />
          <Input label="Budget (coins)" type="number" min={0} value={budget} onChange={(e) => setBudget(e.target.value)} />
          <Input label="Funding account" value={funding} onChange={(e) => setFunding(e.target.value)} hint="The COIN budget account coins are paid from (needed for coin rewards)" />
          <Input label="Only these members (optional)" value={memberIds} onChange={(e) => setMemberIds(e.target.value)} hint="Member ids, comma-separated" />
          <Input label="Verification URL (optional)" type="url" value={verifyUrl} onChange={(e) => setVerifyUrl(e.target.value)} hint="Completions are paid after this URL confirms them" />
          {verifyUrl.trim() && <Input label="Verification secret" value={verifySecret} onChange={(e) => setVerifySecret(e.target.value)} hint="At least 16 characters; signs the callbacks" />}
        </div>
        <fieldset className="mb-3">
          <legend className="mb-1 text-sm font-medium text-slate-700">Audience roles</legend>
          <div className="flex flex-wrap gap-4">
            {ROLES.map((r) => <Check key={r} label={r} checked={roles.includes(r)} onChange={(v) => setRoles(v ? [...roles, r] : roles.filter((x) => x !== r))} />)}
          </div>
        </fieldset>
        <div className="space-y-3">
          {milestones.map((m, i) => (
            <MilestoneEditor key={m.id} m={m} index={i} campaigns={campaigns}
              onChange={(next) => setMilestones(milestones.map((x) => (x.id === m.id ? next : x)))}
              onRemove={milestones.length > 1 ? () => setMilestones(milestones.filter((x) => x.id !== m.id)) : undefined} />
          ))}
        </div>
        {milestones.length < 50 && <Button variant="secondary" className="my-3" onClick={() => setMilestones([...milestones, newMilestone(milestones.length + 1)])}>Add milestone</Button>}
        {problem && <p role="alert" className="mb-3 text-sm text-red-700">{problem}</p>}
        <FormError error={create.error} />
        <div><Button type="submit" {...busyProps(create.isPending)}>{create.isPending ? 'Creating…' : 'Create game'}</Button></div>
      </form>
    </Card>
  );
}

function toMilestone(m: MilestoneDraft, i: number): MilestoneBody {
  const where = `Milestone ${i + 1}`;
  if (!m.name.trim()) throw new Error(`${where} needs a name.`);
  let window: MilestoneBody['window'];
  if (m.window === 'range') {
    const from = fromLocalInput(m.from);
    const to = fromLocalInput(m.to);
    if (!from || !to || to <= from) throw new Error(`${where}: its window needs a start and a later end.`);
    window = { kind: 'range', from, to };
  } else window = { kind: m.window };
  const coins = Number(m.coins || '0');
  if (!Number.isInteger(coins) || coins < 0) throw new Error(`${where}: reward coins is a whole number.`);
  return {
    key: m.key.trim(), name: m.name.trim(), window, repeats: m.repeats,
    reward: { ...(coins ? { coins } : {}), ...(m.campaignId ? { couponCampaignId: m.campaignId } : {}) },
    checkpoints: m.checkpoints.map((c, j): CheckpointBody => {
      const at = `${where}, checkpoint ${j + 1}`;
      if (!c.eventType.trim()) throw new Error(`${at} needs an event type.`);
      const target = c.kind === 'flag' ? 1 : Number(c.target);
      if (!Number.isInteger(target) || target < 1) throw new Error(`${at}: the target is a whole number of at least 1.`);
      let filters: CheckpointBody['filters'];
      if (c.filters.trim()) {
        try { filters = JSON.parse(c.filters) as CheckpointBody['filters']; } catch { throw new Error(`${at}: the filters are not valid JSON.`); }
        if (!Array.isArray(filters)) throw new Error(`${at}: the filters are a JSON list.`);
      }
      return {
        key: c.key.trim(), kind: c.kind, eventType: c.eventType.trim(), target,
        ...(filters ? { filters } : {}),
        ...(c.kind === 'distinct' && c.distinctBy.trim() ? { distinctBy: c.distinctBy.trim() } : {}),
        ...(c.kind === 'streak' ? { minPerDay: Number(c.minPerDay || '1'), freezes: Number(c.freezes || '0') } : {}),
      };
    }),
  };
}

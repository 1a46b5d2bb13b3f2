import { Button } from '../../../ui/kit';
import { Check, Choice, Input, Textarea } from './common';
import type { Campaign } from './lists';

/** Drafts of milestones and checkpoints as typed in the form (strings), turned into the API's shape by toMilestones. */
export interface CheckpointDraft { id: number; key: string; kind: 'flag' | 'count' | 'distinct' | 'streak'; eventType: string; target: string; distinctBy: string; minPerDay: string; freezes: string; filters: string }
export interface MilestoneDraft { id: number; key: string; name: string; window: 'all_time' | 'daily' | 'weekly' | 'range'; from: string; to: string; repeats: boolean; coins: string; campaignId: string; checkpoints: CheckpointDraft[] }

let seq = 1;
export const newCheckpoint = (n = 1): CheckpointDraft => ({ id: seq++, key: `step-${n}`, kind: 'count', eventType: '', target: '1', distinctBy: '', minPerDay: '1', freezes: '0', filters: '' });
export const newMilestone = (n = 1): MilestoneDraft => ({ id: seq++, key: `goal-${n}`, name: '', window: 'all_time', from: '', to: '', repeats: false, coins: '10', campaignId: '', checkpoints: [newCheckpoint()] });

const KIND_HELP = {
  flag: 'The event happened once (target 1).',
  count: 'The sum of the events’ values (1 when absent).',
  distinct: 'Distinct values of an attribute (e.g. videos watched).',
  streak: 'Days in a row with enough events.',
};

export function MilestoneEditor({ m, index, campaigns, onChange, onRemove }: {
  m: MilestoneDraft; index: number; campaigns: Campaign[]; onChange: (m: MilestoneDraft) => void; onRemove?: () => void;
}) {
  const set = (patch: Partial<MilestoneDraft>) => onChange({ ...m, ...patch });
  const setCp = (id: number, patch: Partial<CheckpointDraft>) => set({ checkpoints: m.checkpoints.map((c) => (c.id === id ? { ...c, ...patch } : c)) });
  return (
    <fieldset className="rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-semibold">Milestone {index + 1}</legend>
      <div className="grid gap-x-3 sm:grid-cols-2 lg:grid-cols-3">
        <Input label="Milestone key" value={m.key} onChange={(e) => set({ key: e.target.value })} hint="Lower-case letters, digits, - and _" />
        <Input label="Milestone name" value={m.name} onChange={(e) => set({ name: e.target.value })} />
        <Choice label="Window" value={m.window} onChange={(v) => set({ window: v as MilestoneDraft['window'] })}
          options={[['all_time', 'All time'], ['daily', 'Each day'], ['weekly', 'Each week'], ['range', 'Fixed dates']]} />
        {m.window === 'range' && (
          <>
            <Input label="Window from" type="datetime-local" value={m.from} onChange={(e) => set({ from: e.target.value })} />
            <Input label="Window to" type="datetime-local" value={m.to} onChange={(e) => set({ to: e.target.value })} />
          </>
        )}
        <Input label="Reward coins" type="number" min={0} value={m.coins} onChange={(e) => set({ coins: e.target.value })} />
        <Choice label="Reward coupon" value={m.campaignId} onChange={(v) => set({ campaignId: v })}
          options={[['', 'None'], ...campaigns.map((c): [string, string] => [c.id, c.name])]} />
        <Check label="Repeats every window" checked={m.repeats} onChange={(v) => set({ repeats: v })} />
      </div>
      <ol className="space-y-2">
        {m.checkpoints.map((c, i) => (
          <li key={c.id}>
            <fieldset className="rounded-md bg-slate-50 p-3">
              <legend className="px-1 text-sm font-medium">Checkpoint {i + 1} of milestone {index + 1}</legend>
              <div className="grid gap-x-3 sm:grid-cols-2 lg:grid-cols-4">
                <Input label="Checkpoint key" value={c.key} onChange={(e) => setCp(c.id, { key: e.target.value })} />
                <Choice label="Counts" value={c.kind} onChange={(v) => setCp(c.id, { kind: v as CheckpointDraft['kind'], ...(v === 'flag' ? { target: '1' } : {}) })}
                  options={[['flag', 'Flag'], ['count', 'Count'], ['distinct', 'Distinct'], ['streak', 'Streak']]} />
                <Input label="Event type" value={c.eventType} onChange={(e) => setCp(c.id, { eventType: e.target.value })} hint="e.g. video.watched" />
                <Input label="Target" type="number" min={1} value={c.target} disabled={c.kind === 'flag'} onChange={(e) => setCp(c.id, { target: e.target.value })} hint={KIND_HELP[c.kind]} />
                {c.kind === 'distinct' && <Input label="Distinct by" value={c.distinctBy} onChange={(e) => setCp(c.id, { distinctBy: e.target.value })} hint="Attribute path, e.g. videoId" />}
                {c.kind === 'streak' && (
                  <>
                    <Input label="Events per day" type="number" min={1} value={c.minPerDay} onChange={(e) => setCp(c.id, { minPerDay: e.target.value })} />
                    <Input label="Freezes" type="number" min={0} value={c.freezes} onChange={(e) => setCp(c.id, { freezes: e.target.value })} hint="Missed days a streak survives" />
                  </>
                )}
              </div>
              <Textarea label="Filters (optional, JSON)" value={c.filters} onChange={(e) => setCp(c.id, { filters: e.target.value })}
                hint='A list such as [{"path": "category", "op": "eq", "value": "music"}]; ops eq, in (values), range (min, max)' />
              {m.checkpoints.length > 1 && (
                <Button variant="secondary" onClick={() => set({ checkpoints: m.checkpoints.filter((x) => x.id !== c.id) })}>Remove checkpoint {i + 1}</Button>
              )}
            </fieldset>
          </li>
        ))}
      </ol>
      <div className="mt-2 flex flex-wrap gap-2">
        {m.checkpoints.length < 10 && <Button variant="secondary" onClick={() => set({ checkpoints: [...m.checkpoints, newCheckpoint(m.checkpoints.length + 1)] })}>Add checkpoint</Button>}
        {onRemove && <Button variant="secondary" onClick={onRemove}>Remove milestone {index + 1}</Button>}
      </div>
    </fieldset>
  );
}

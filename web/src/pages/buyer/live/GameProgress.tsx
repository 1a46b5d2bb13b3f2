import type { Json } from '../../../api/client';
import { Badge, Card } from '../../../ui/kit';
import { formatMoney } from '../../../ui/money';
import { formatDateTime } from '../../../ui/format';
import { formatDuration, nextLocalReset } from './format';

type Progress = Json<'/v1/members/{id}/progress', 'get'>;
export type GameView = Progress['games'][number];
type Milestone = GameView['milestones'][number];
type Checkpoint = Milestone['checkpoints'][number];

const WINDOWS: Record<string, string> = { daily: 'Daily', weekly: 'Weekly', all_time: 'Any time', range: 'Limited time' };

const STATUSES: Record<string, { text: string; tone: 'green' | 'amber' | 'red' | 'slate' }> = {
  paid: { text: 'Reward paid', tone: 'green' },
  verifying: { text: 'Being verified', tone: 'amber' },
  rejected: { text: 'Not confirmed', tone: 'red' },
  budget_exhausted: { text: 'Completed (reward budget ran out)', tone: 'slate' },
  payout_failed: { text: 'Completed (payout failed)', tone: 'red' },
};

/** "watch_videos" / "login-streak" -> "Watch videos" / "Login streak". */
export function humanise(key: string): string {
  const words = key.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** When the milestone's window starts again: the API's nextResetAt, else worked out from its kind. */
export function resetOf(m: Pick<Milestone, 'window' | 'nextResetAt'>, timeZone: string, now: Date): Date | null {
  if (m.nextResetAt) return new Date(m.nextResetAt);
  if (m.window === 'daily') return nextLocalReset(timeZone, now, 'day');
  if (m.window === 'weekly') return nextLocalReset(timeZone, now, 'week');
  return null;
}

function Bar({ id, label, value, max, text }: { id: string; label: string; value: number; max: number; text: string }) {
  const pct = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 0;
  return (
    <div>
      <div className="mb-1 flex flex-wrap justify-between gap-2 text-sm">
        <span id={id} className="font-medium text-slate-800">{label}</span>
        <span className="text-slate-700">{text}</span>
      </div>
      <div role="progressbar" aria-labelledby={id} aria-valuemin={0} aria-valuemax={max} aria-valuenow={Math.min(value, max)} aria-valuetext={text}
        className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200">
        <div className={`h-full rounded-full ${pct >= 100 ? 'bg-green-600' : 'bg-indigo-600'}`} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

function CheckpointRow({ cp, idBase }: { cp: Checkpoint; idBase: string }) {
  const id = `${idBase}-${cp.key}`;
  const label = humanise(cp.key);
  if (cp.kind === 'flag') {
    return (
      <li className="flex items-center justify-between gap-2 text-sm">
        <span className="font-medium text-slate-800">{label}</span>
        <Badge tone={cp.met ? 'green' : 'slate'}>{cp.met ? 'Done' : 'Not done yet'}</Badge>
      </li>
    );
  }
  if (cp.kind === 'streak' && cp.streak) {
    const { current, longest, freezes } = cp.streak;
    const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;
    const best = cp.met ? cp.target : Math.max(current, longest);
    return (
      <li>
        <Bar id={id} label={label} value={best} max={cp.target}
          text={cp.met ? `${days(cp.target)} in a row: done` : `${days(current)} in a row now, best ${longest} of ${cp.target}`} />
        <p className="mt-1 text-xs text-slate-600">
          {freezes > 0 ? `Up to ${freezes} missed ${freezes === 1 ? 'day is' : 'days are'} forgiven inside a streak.` : 'Every day counts: a missed day starts the streak again.'}
        </p>
      </li>
    );
  }
  const unit = cp.kind === 'distinct' ? ' different' : '';
  return (
    <li>
      <Bar id={id} label={label} value={cp.current} max={cp.target}
        text={cp.met ? `${cp.target} of ${cp.target}${unit}: done` : `${cp.current} of ${cp.target}${unit}`} />
    </li>
  );
}

function rewardText(reward: Milestone['reward']): string {
  const parts: string[] = [];
  if (reward.coins > 0) parts.push(formatMoney(reward.coins, 'COIN'));
  if (reward.couponCampaignId) parts.push('a coupon');
  return parts.length ? parts.join(' and ') : 'no reward';
}

function MilestoneCard({ m, gameId, timeZone, now }: { m: Milestone; gameId: string; timeZone: string; now: Date }) {
  const reset = resetOf(m, timeZone, now);
  const status = m.completion ? STATUSES[m.completion.status] ?? { text: humanise(m.completion.status), tone: 'slate' as const } : null;
  const idBase = `cp-${gameId.slice(0, 8)}-${m.key}`;
  return (
    <li className={`rounded-md border p-3 ${m.completed ? 'border-green-300 bg-green-50/50' : 'border-slate-200'}`}>
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <h3 className="font-semibold">{m.name}</h3>
        <Badge tone="indigo">{WINDOWS[m.window] ?? humanise(m.window)}</Badge>
        {m.completed && <Badge tone="green">Completed</Badge>}
      </div>
      <p className="mb-2 text-sm text-slate-700">
        Reward: {rewardText(m.reward)}{m.repeats && m.window !== 'all_time' ? `, every ${m.window === 'weekly' ? 'week' : m.window === 'daily' ? 'day' : 'window'}` : ''}.
      </p>
      <ul className="space-y-3">
        {m.checkpoints.map((cp) => <CheckpointRow key={cp.key} cp={cp} idBase={idBase} />)}
      </ul>
      {m.completion && status && (
        <p className="mt-3 text-sm">
          <Badge tone={status.tone}>{status.text}</Badge>{' '}
          <span className="text-slate-700">
            {m.completion.coins > 0 ? `${formatMoney(m.completion.coins, 'COIN')} · ` : ''}completed {formatDateTime(m.completion.completedAt, { timeZone })}
          </span>
        </p>
      )}
      {reset && (
        <p className="mt-2 text-xs text-slate-600">
          Resets in {formatDuration(reset.getTime() - now.getTime())} ({formatDateTime(reset, { timeZone })}, your time zone {timeZone}).
        </p>
      )}
    </li>
  );
}

export function GameProgress({ game, timeZone, now }: { game: GameView; timeZone: string; now: Date }) {
  const done = game.milestones.filter((m) => m.completed).length;
  return (
    <Card>
      <section aria-labelledby={`game-${game.gameId}`}>
        <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id={`game-${game.gameId}`} className="text-xl font-semibold">{game.name}</h2>
          <p className="text-sm text-slate-600">{done} of {game.milestones.length} completed · ends {formatDateTime(game.endsAt, { timeZone })}</p>
        </div>
        <ul className="grid gap-3 md:grid-cols-2">
          {game.milestones.map((m) => <MilestoneCard key={m.key} m={m} gameId={game.gameId} timeZone={timeZone} now={now} />)}
        </ul>
      </section>
    </Card>
  );
}

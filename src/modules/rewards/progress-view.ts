import { memberDay, nextLocalReset } from '../../platform/time.js';
import { stateKey, type Completion, type Game, type MilestoneDef, type MilestoneState } from './model.js';
import { checkpointMet, currentStreak, windowKeyOf } from './rules.js';

/** What a member sees of a milestone now: the current window's checkpoints and when it resets. */
export function milestoneView(m: MilestoneDef, state: MilestoneState, completion: Completion | null, timeZone: string, now: Date) {
  const windowKey = windowKeyOf(m.window, now, timeZone);
  const today = memberDay(timeZone, now);
  const unit = m.window.kind === 'daily' ? 'day' : m.window.kind === 'weekly' ? 'week' : null;
  return {
    key: m.key,
    name: m.name,
    window: m.window.kind,
    windowKey,
    repeats: m.repeats,
    nextResetAt: unit ? nextLocalReset(timeZone, now, unit).toISOString() : null,
    completed: completion !== null,
    completion: completion ? { status: completion.status, coins: completion.coins, completedAt: completion.completedAt } : null,
    reward: m.reward,
    checkpoints: m.checkpoints.map((cp) => {
      const s = state[cp.key];
      const view = { key: cp.key, kind: cp.kind, current: s?.value ?? 0, target: cp.target, met: checkpointMet(cp, s) };
      if (cp.kind !== 'streak') return view;
      const current = currentStreak(s?.days ?? {}, cp.minPerDay ?? 1, cp.freezes ?? 0, today);
      return { ...view, streak: { current, longest: s?.value ?? 0, freezes: cp.freezes ?? 0 } };
    }),
  };
}

/** The completion that counts for the milestone's current window: its own for a repeating one, the only one otherwise. */
export function completionFor(m: MilestoneDef, windowKey: string | null, completions: readonly Completion[]): Completion | null {
  return completions.find((c) => c.milestoneKey === m.key && (!m.repeats || c.windowKey === windowKey)) ?? null;
}

export function gameView(game: Game, states: Map<string, MilestoneState>, completions: readonly Completion[], timeZone: string, now: Date) {
  return {
    gameId: game.id,
    name: game.name,
    endsAt: game.endsAt,
    milestones: game.milestones.map((m) => {
      const windowKey = windowKeyOf(m.window, now, timeZone);
      const state = (windowKey && states.get(stateKey(game.id, m.key, windowKey))) || {};
      return milestoneView(m, state, completionFor(m, windowKey, completions.filter((c) => c.gameId === game.id)), timeZone, now);
    }),
  };
}

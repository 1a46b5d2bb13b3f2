import { memberDay } from '../../platform/time.js';
import { REWARDS_POLICY, type CheckpointDef, type EventInput, type Game, type MemberFacts, type MilestoneDef } from './model.js';
import { completionKeyOf, contributionOf, matchesCheckpoint, windowKeyOf, type Contribution } from './rules.js';

/** One event's effect on one checkpoint of one milestone, in one window. */
export interface Match {
  game: Game;
  milestone: MilestoneDef;
  checkpoint: CheckpointDef;
  windowKey: string;
  completionKey: string;
  contribution: Contribution;
}

export function inAudience(game: Game, member: MemberFacts): boolean {
  const a = game.audience;
  // Member ids are stored lower-case (createGame), as PostgreSQL prints them.
  if (a.memberIds && !a.memberIds.includes(member.id)) return false;
  return !a.roles || a.roles.some((r) => member.roles.includes(r));
}

/** A game's dates as numbers, parsed once per game object (games are cached and never mutated). */
const spans = new WeakMap<Game, { startMs: number; endMs: number }>();
function spanOf(game: Game): { startMs: number; endMs: number } {
  let span = spans.get(game);
  if (!span) spans.set(game, (span = { startMs: Date.parse(game.startsAt), endMs: Date.parse(game.endsAt) }));
  return span;
}

const QUARTER_HOUR_MS = 900_000;
const dayMemo = new Map<string, { quarter: number; day: string }>();

/**
 * The member's day of a moment, remembered per time zone for the UTC quarter hour it fell in:
 * offsets from UTC are whole quarter hours (for any moment events can carry: at most
 * latenessMaxMs old), so a local day starts and ends on a UTC quarter hour. Most events of a
 * batch happened within minutes of each other, and formatting the day was a visible cost of each.
 */
function dayOf(timeZone: string, at: Date): string {
  const quarter = Math.floor(at.getTime() / QUARTER_HOUR_MS);
  const known = dayMemo.get(timeZone);
  if (known?.quarter === quarter) return known.day;
  const day = memberDay(timeZone, at);
  // Bounded like the formatters behind memberDay: time zones are few, but members choose them.
  if (dayMemo.size >= 1_000) dayMemo.clear();
  dayMemo.set(timeZone, { quarter, day });
  return day;
}

/** Every checkpoint an event advances, in games that were running when it happened. */
export function matchEvent(event: EventInput, member: MemberFacts, games: readonly Game[]): Match[] {
  const at = new Date(event.occurredAt);
  const atMs = at.getTime();
  const matches: Match[] = [];
  let day: string | undefined;
  for (const game of games) {
    const span = spanOf(game);
    if (!game.active || atMs < span.startMs || atMs >= span.endMs || !inAudience(game, member)) continue;
    for (const milestone of game.milestones) {
      for (const checkpoint of milestone.checkpoints) {
        if (!matchesCheckpoint(checkpoint, event)) continue;
        day ??= dayOf(member.timeZone, at);
        const windowKey = windowKeyOf(milestone.window, at, member.timeZone, day);
        if (windowKey === null) continue;
        const contribution = contributionOf(checkpoint, event, day);
        if (contribution) matches.push({ game, milestone, checkpoint, windowKey, completionKey: completionKeyOf(milestone, windowKey), contribution });
      }
    }
  }
  return matches;
}

/** Hot-store keys: a milestone completed (for its completion key), a checkpoint met (in its window). */
export const doneKey = (m: Match, memberId: string) => `done:${m.game.id}:${m.milestone.key}:${memberId}:${m.completionKey}`;
export const metKey = (m: Match, memberId: string) => `met:${m.game.id}:${m.milestone.key}:${m.checkpoint.key}:${memberId}:${m.windowKey}`;

/**
 * How long a settled fact is worth remembering: until no event can reach its window any more (the
 * game's end plus the lateness allowed), at most 30 days (after that a miss only costs a lookup).
 */
export function settledTtlMs(game: Game, now: number): number {
  const until = new Date(game.endsAt).getTime() + REWARDS_POLICY.latenessMaxMs - now;
  return Math.max(60_000, Math.min(30 * 86_400_000, until));
}

/**
 * Whether a value can be stored: no NUL character (PostgreSQL text and jsonb cannot hold one) and
 * no deeper than attributesDepthMax. The depth is checked before going down, so a body nested
 * 100,000 deep stops at that depth instead of overflowing the stack.
 */
function storable(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return !value.includes('\0');
  if (value === null || typeof value !== 'object') return true;
  if (depth >= REWARDS_POLICY.attributesDepthMax) return false;
  if (Array.isArray(value)) return value.every((v) => storable(v, depth + 1));
  for (const k of Object.keys(value)) {
    if (k.includes('\0') || !storable((value as Record<string, unknown>)[k], depth + 1)) return false;
  }
  return true;
}

/** Why an event cannot be taken, or null: too late, too far ahead, attributes too large. */
export function refuseEvent(event: EventInput, now: number, latenessMs: number):
  { code: 'REWARD_EVENT_TOO_OLD' | 'REWARD_EVENT_IN_FUTURE' | 'REWARD_EVENT_ATTRIBUTES_TOO_LARGE' | 'VALIDATION_FAILED'; message: string } | null {
  // PostgreSQL text and jsonb cannot hold a NUL character; refused here, it fails only its own event.
  if (!storable([event.id, event.type, event.source, event.attributes], 0)) {
    return { code: 'VALIDATION_FAILED', message: `The event contains a NUL character (\\u0000) or is nested deeper than ${REWARDS_POLICY.attributesDepthMax} levels.` };
  }
  const at = Date.parse(event.occurredAt);
  if (!Number.isFinite(at)) return { code: 'VALIDATION_FAILED', message: 'occurredAt is not a time this service can read.' };
  if (at < now - latenessMs) return { code: 'REWARD_EVENT_TOO_OLD', message: `occurredAt is more than ${latenessMs / 3600_000} h ago.` };
  if (at > now + REWARDS_POLICY.futureSkewMs) return { code: 'REWARD_EVENT_IN_FUTURE', message: 'occurredAt is in the future.' };
  if (Buffer.byteLength(JSON.stringify(event.attributes)) > REWARDS_POLICY.attributesMaxBytes) {
    return { code: 'REWARD_EVENT_ATTRIBUTES_TOO_LARGE', message: `attributes are larger than ${REWARDS_POLICY.attributesMaxBytes} bytes of JSON.` };
  }
  return null;
}

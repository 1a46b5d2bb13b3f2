import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REWARDS_POLICY } from '../../src/modules/rewards/model.js';
import { backoffMs } from '../../src/modules/rewards/verifier.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { ev, rewardFixtures } from '../helpers/rewards.js';
import { signatureValid, startVerificationSource, type Answer } from '../helpers/verification-source.js';

/**
 * Games with verification: a completion waits as `verifying` until the source of the events
 * confirms it over a signed callback. The verifier's timer is not started in the test app; each
 * test calls runOnce() itself, so every pass is one the test chose.
 */

let typeSeq = 0;
const freshType = () => `verified.${++typeSeq}`;

/** One flag, completed by the first event of its type: its completion key is 'once'. */
const firstEvent = (type: string, coins = 50) => ({
  key: 'first', name: 'First event', window: { kind: 'all_time' },
  checkpoints: [{ key: 'seen', kind: 'flag', eventType: type, target: 1 }], reward: { coins },
});

interface CompletionState {
  status: string;
  detail: string | null;
  verify_attempts: number;
  next_verify_at: Date | null;
  /** Seconds from now to the next attempt (negative when due), null when parked. */
  due_in_s: number | null;
  transfer_id: string | null;
}

/** A promise and its resolver, for answers held until the test releases them. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

async function until(done: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('rewards verification', () => {
  let t: TestApp;
  let f: ReturnType<typeof rewardFixtures>;
  let source: Awaited<ReturnType<typeof startVerificationSource>>;
  const query = <R>(text: string, values: unknown[]) => t.db.database.pool.query(text, values).then((r) => r.rows as R[]);
  const verifier = () => t.services.rewards.verifier;

  beforeAll(async () => {
    t = await createTestApp();
    f = rewardFixtures(t);
    source = await startVerificationSource();
  });
  afterAll(async () => {
    await source.close();
    await t.close();
  });

  /** A verified game (its own route of the source) and `n` members who each complete it once. */
  async function verifiedGame(n: number, opts: { coins?: number; fundedCoins?: number } = {}) {
    const route = source.route();
    const type = freshType();
    const { id: gameId, funding } = await f.game([firstEvent(type, opts.coins)], { verification: { url: route.url, secret: route.secret } }, opts.fundedCoins);
    const members = await Promise.all(Array.from({ length: n }, () => t.member(['buyer'])));
    for (const m of members) {
      const answer = await f.send([ev(m.id, type)]);
      expect(answer.items[0]!.completed).toEqual([expect.objectContaining({ gameId, milestoneKey: 'first', status: 'verifying' })]);
    }
    return { route, type, gameId, funding, members };
  }

  async function completion(gameId: string, memberId: string): Promise<CompletionState> {
    const rows = await query<CompletionState>(`
      SELECT status, detail, verify_attempts, next_verify_at, transfer_id, extract(epoch FROM next_verify_at - now())::float8 AS due_in_s
      FROM rewards.completions WHERE game_id = $1 AND member_id = $2`, [gameId, memberId]);
    expect(rows).toHaveLength(1);
    return rows[0]!;
  }

  /** Skips the backoff of a game's waiting completions (not the parked ones). */
  const makeDue = (gameId: string) => query(`UPDATE rewards.completions SET next_verify_at = now() WHERE game_id = $1 AND status = 'verifying' AND next_verify_at IS NOT NULL`, [gameId]);
  const transfersTo = async (memberId: string) => (await query<{ n: number }>('SELECT count(*)::int AS n FROM wallet.transfers WHERE credit_account_id = $1', [`member:${memberId}:COIN`]))[0]!.n;
  const spentCoins = async (gameId: string) => Number((await query<{ spent_coins: string }>('SELECT spent_coins FROM rewards.games WHERE id = $1', [gameId]))[0]!.spent_coins);
  const askAgain = (gameId: string, memberId: string, completionKey = 'once') =>
    t.call(t.adminKey, { method: 'POST', url: `/v1/games/${gameId}/completions/verify`, payload: { milestoneKey: 'first', memberId, completionKey } });

  it('the test source accepts only a fresh signature of the exact body with its secret', () => {
    const secret = 'a-secret-of-24-characters';
    const body = JSON.stringify({ gameId: 'g', confirmed: true });
    const nowS = Math.floor(Date.now() / 1000);
    const sign = (s: string, b: string, at: number) => `t=${at},v1=${crypto.createHmac('sha256', s).update(`${at}.${b}`).digest('hex')}`;
    expect(signatureValid(secret, body, sign(secret, body, nowS))).toBe(true);
    expect(signatureValid(secret, body, sign('another-secret-of-24-chars', body, nowS))).toBe(false);
    expect(signatureValid(secret, body, sign(secret, `${body} `, nowS))).toBe(false);
    expect(signatureValid(secret, body, sign(secret, body, nowS - 3600))).toBe(false);
    expect(signatureValid(secret, body, sign(secret, body, nowS).replace(/t=\d+/, `t=${nowS + 1}`))).toBe(false);
    expect(signatureValid(secret, body, undefined)).toBe(false);
  });

  it('records a completion as verifying, and pays it once the source confirms a signed callback', async () => {
    const { route, type, gameId, members: [m] } = await verifiedGame(1);
    expect(await completion(gameId, m!.id)).toMatchObject({ status: 'verifying', verify_attempts: 0, transfer_id: null });
    expect(await f.balance(m!.id)).toBe(0);
    expect(await spentCoins(gameId)).toBe(0);

    await verifier().runOnce();
    expect(route.calls).toHaveLength(1);
    const call = route.calls[0]!;
    expect(call.signed).toBe(true);
    expect(call.contentType).toBe('application/json');
    expect(call.json).toEqual({ gameId, milestoneKey: 'first', memberId: m!.id, completionKey: 'once', windowKey: 'all', completedAt: expect.any(String) });
    const done = await completion(gameId, m!.id);
    expect(done).toMatchObject({ status: 'paid', verify_attempts: 1, next_verify_at: null, detail: null });
    expect(done.transfer_id).not.toBeNull();
    expect(await f.balance(m!.id)).toBe(50);
    expect(await spentCoins(gameId)).toBe(50);

    // Settled: no second callback, and more events complete nothing.
    await verifier().runOnce();
    expect(route.calls).toHaveLength(1);
    expect((await f.send([ev(m!.id, type)])).items[0]!.completed ?? []).toEqual([]);
    const progress = (await t.call(m!.key, { method: 'GET', url: `/v1/members/${m!.id}/progress` })).json();
    expect(progress.games.find((g: { gameId: string }) => g.gameId === gameId).milestones[0]).toMatchObject({ completed: true, completion: { status: 'paid', coins: 50 } });
  });

  it('rejects a completion the source denies, with its reason, pays nothing and does not ask again', async () => {
    const { route, gameId, members: [m] } = await verifiedGame(1);
    route.respond = () => ({ json: { confirmed: false, reason: 'the order was refunded' } });
    await verifier().runOnce();
    expect(route.calls).toHaveLength(1);
    expect(await completion(gameId, m!.id)).toMatchObject({ status: 'rejected', detail: 'the order was refunded', next_verify_at: null, transfer_id: null });
    expect(await f.balance(m!.id)).toBe(0);
    expect(await spentCoins(gameId)).toBe(0);
    await verifier().runOnce();
    expect(route.calls).toHaveLength(1);
    const res = await askAgain(gameId, m!.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('REWARD_COMPLETION_NOT_RETRYABLE');
  });

  it('keeps a completion verifying through errors, garbage and a timeout, backing off exponentially, then parks it until an admin asks again', async () => {
    const attemptsMax = REWARDS_POLICY.verify.attemptsMax;
    expect(attemptsMax).toBeGreaterThanOrEqual(5);
    const { route, gameId, members: [m] } = await verifiedGame(1);
    // Attempt by attempt: what the source does, and the detail the completion is left with.
    const script: { answer: Answer; detail: string | RegExp }[] = [
      { answer: { status: 500, json: { error: 'boom' } }, detail: 'HTTP 500' },
      { answer: { raw: '<html>not json</html>' }, detail: /^unreachable: / },
      { answer: { json: { confirmed: 'yes' } }, detail: 'the answer has no boolean "confirmed"' },
      { answer: 'hang', detail: 'timed out' },
      { answer: { status: 503, json: {} }, detail: 'HTTP 503' },
    ];
    while (script.length < attemptsMax) script.push({ answer: { status: 500, json: {} }, detail: 'HTTP 500' });
    route.respond = (_call, i) => script[i]!.answer;

    for (let attempt = 1; attempt <= attemptsMax; attempt++) {
      await makeDue(gameId);
      expect(await verifier().runOnce()).toBe(1);
      expect(route.calls).toHaveLength(attempt);
      const c = await completion(gameId, m!.id);
      expect(c).toMatchObject({ status: 'verifying', verify_attempts: attempt, transfer_id: null });
      if (attempt < attemptsMax) {
        expect(c.detail).toMatch(script[attempt - 1]!.detail);
        // The stored schedule: backoffMs(attempt) after the answer (a little less by the time it is read).
        const expectedS = backoffMs(attempt) / 1000;
        expect(c.due_in_s).toBeLessThanOrEqual(expectedS);
        expect(c.due_in_s).toBeGreaterThan(expectedS - 3);
        if (attempt >= 2) expect(backoffMs(attempt)).toBe(2 * backoffMs(attempt - 1));
        if (expectedS >= 4) {
          // Not due yet: a pass leaves it alone.
          expect(await verifier().runOnce()).toBe(0);
          expect(route.calls).toHaveLength(attempt);
        }
      } else {
        expect(c).toMatchObject({ next_verify_at: null, detail: `gave up after ${attemptsMax} attempts: HTTP 500` });
      }
    }
    // Parked: never asked again by itself, still listed for admins, nothing paid.
    await makeDue(gameId);
    expect(await verifier().runOnce()).toBe(0);
    expect(route.calls).toHaveLength(attemptsMax);
    const listed = await t.call(t.adminKey, { method: 'GET', url: `/v1/games/${gameId}/completions?status=verifying` });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items).toEqual([expect.objectContaining({ memberId: m!.id, status: 'verifying', detail: `gave up after ${attemptsMax} attempts: HTTP 500` })]);
    expect(await f.balance(m!.id)).toBe(0);

    // An admin asks again: scheduled now, with a fresh count of attempts; this time the source confirms.
    const res = await askAgain(gameId, m!.id);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ scheduled: true });
    const rescheduled = await completion(gameId, m!.id);
    expect(rescheduled).toMatchObject({ status: 'verifying', verify_attempts: 0 });
    expect(rescheduled.due_in_s).toBeLessThanOrEqual(0);
    route.respond = () => ({ json: { confirmed: true } });
    expect(await verifier().runOnce()).toBe(1);
    expect(await completion(gameId, m!.id)).toMatchObject({ status: 'paid', verify_attempts: 1, next_verify_at: null });
    expect(await f.balance(m!.id)).toBe(50);
    const again = await askAgain(gameId, m!.id);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('REWARD_COMPLETION_NOT_RETRYABLE');
    expect((await t.call(t.adminKey, { method: 'GET', url: `/v1/games/${gameId}/completions?status=verifying` })).json().items).toEqual([]);
  });

  it('never pays twice when two verifier passes run at once', async () => {
    const n = 8;
    const { route, gameId, members } = await verifiedGame(n);
    // Slow answers, so the two passes overlap.
    route.respond = async () => {
      await new Promise((r) => setTimeout(r, 100));
      return { json: { confirmed: true } };
    };
    const tried = await Promise.all([verifier().runOnce(), verifier().runOnce()]);
    expect(tried[0]! + tried[1]!).toBe(n);
    expect(route.calls).toHaveLength(n);
    expect(new Set(route.calls.map((c) => c.json.memberId)).size).toBe(n);
    for (const m of members) {
      expect(await completion(gameId, m.id)).toMatchObject({ status: 'paid', verify_attempts: 1 });
      expect(await f.balance(m.id)).toBe(50);
      expect(await transfersTo(m.id)).toBe(1);
    }
    expect(await spentCoins(gameId)).toBe(50 * n);
    expect(await Promise.all([verifier().runOnce(), verifier().runOnce()])).toEqual([0, 0]);
    expect(route.calls).toHaveLength(n);
  });

  it('pays once when an admin asks again while a callback is in flight, whatever the two answers say', async () => {
    const { route, gameId, members: [a, b] } = await verifiedGame(2);
    const held: { memberId: unknown; answer: ReturnType<typeof deferred<Answer>> }[] = [];
    route.respond = (call) => {
      const answer = deferred<Answer>();
      held.push({ memberId: call.json.memberId, answer });
      return answer.promise;
    };
    // Pass 1 takes both completions and waits on the source; the admin reschedules both; pass 2 takes them again.
    const pass1 = verifier().runOnce();
    await until(() => held.length === 2, 'the first pass\'s callbacks');
    for (const m of [a!, b!]) expect((await askAgain(gameId, m.id)).statusCode).toBe(202);
    const pass2 = verifier().runOnce();
    await until(() => held.length === 4, 'the second pass\'s callbacks');
    expect(held.filter((h) => h.memberId === a!.id)).toHaveLength(2);

    // a: both answers confirm at the same moment. b: the first confirms, the later one denies.
    const ofA = held.filter((h) => h.memberId === a!.id);
    const ofB = held.filter((h) => h.memberId === b!.id);
    for (const h of ofA) h.answer.resolve({ json: { confirmed: true } });
    ofB[0]!.answer.resolve({ json: { confirmed: true } });
    await until(async () => (await completion(gameId, b!.id)).status === 'paid', 'the first confirmation of b to be paid');
    ofB[1]!.answer.resolve({ json: { confirmed: false, reason: 'too late to deny' } });
    expect((await Promise.all([pass1, pass2])).reduce((x, y) => x + y)).toBe(4);

    for (const m of [a!, b!]) {
      expect(await completion(gameId, m.id)).toMatchObject({ status: 'paid', detail: null });
      expect(await f.balance(m.id)).toBe(50);
      expect(await transfersTo(m.id)).toBe(1);
    }
    expect(await spentCoins(gameId)).toBe(100);
  });

  it('keeps an admin\'s retry when the attempt in flight then fails', async () => {
    const { route, gameId, members: [m] } = await verifiedGame(1);
    await query('UPDATE rewards.completions SET verify_attempts = $2 WHERE game_id = $1', [gameId, REWARDS_POLICY.verify.attemptsMax - 1]);
    const held = deferred<Answer>();
    route.respond = () => held.promise;
    const pass = verifier().runOnce();
    await until(() => route.calls.length === 1, 'the last attempt\'s callback');
    expect((await askAgain(gameId, m!.id)).statusCode).toBe(202);
    held.resolve({ status: 500 });
    await pass;
    // The failure that started before the retry neither parks it nor pushes it back.
    const after = await completion(gameId, m!.id);
    expect(after).toMatchObject({ status: 'verifying', verify_attempts: 0 });
    expect(after.due_in_s).not.toBeNull();
    expect(after.due_in_s!).toBeLessThanOrEqual(0);
    // Settle it, so later passes of other tests find nothing of this game.
    route.respond = () => ({ json: { confirmed: true } });
    await verifier().runOnce();
    expect((await completion(gameId, m!.id)).status).toBe('paid');
  });

  it('answers a retry of a completion that does not exist with 404', async () => {
    const res = await askAgain(crypto.randomUUID(), crypto.randomUUID());
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('REWARD_COMPLETION_NOT_FOUND');
  });

  it('pays verified completions from the budget, first confirmed first paid, and refuses the rest', async () => {
    // A budget (and a funding account) for two rewards of 50; three members complete.
    const { route, gameId, funding, members } = await verifiedGame(3, { fundedCoins: 100 });
    // Nothing is reserved while a completion waits for its verification.
    expect(await spentCoins(gameId)).toBe(0);
    route.respond = async () => {
      await new Promise((r) => setTimeout(r, 20));
      return { json: { confirmed: true } };
    };
    expect((await Promise.all([verifier().runOnce(), verifier().runOnce()])).reduce((x, y) => x + y)).toBe(3);
    const states = await Promise.all(members.map((m) => completion(gameId, m.id)));
    expect(states.map((s) => s.status).sort()).toEqual(['budget_exhausted', 'paid', 'paid']);
    expect(states.find((s) => s.status === 'budget_exhausted')).toMatchObject({ transfer_id: null, next_verify_at: null });
    expect((await Promise.all(members.map((m) => f.balance(m.id)))).sort()).toEqual([0, 50, 50]);
    expect(await spentCoins(gameId)).toBe(100);
    const fundingAccount = (await t.call(t.adminKey, { method: 'GET', url: `/v1/accounts/${funding}` })).json();
    expect(fundingAccount.balance.posted).toBe(0);
    const stats = (await t.call(t.adminKey, { method: 'GET', url: `/v1/games/${gameId}/stats` })).json();
    expect(stats).toMatchObject({ budgetCoins: 100, spentCoins: 100, budgetLeft: 0, coinsPaid: 100, completions: { paid: 2, budget_exhausted: 1 } });
  });
});

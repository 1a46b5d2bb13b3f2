import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { DAY_MS, ev, hotStoreBackends, rewardFixtures } from '../helpers/rewards.js';

// Each test's game listens to event types of its own, so games of other tests never match.
let typeSeq = 0;
const freshType = (name: string) => `${name}.${++typeSeq}`;

const watch = (type: string, target: number, over: Record<string, unknown> = {}) => ({
  key: 'watch', name: `Watch ${target} videos today`, window: { kind: 'daily' }, repeats: true,
  checkpoints: [{ key: 'videos', kind: 'distinct', eventType: type, distinctBy: 'videoId', target }],
  reward: { coins: 50 }, ...over,
});

describe.each(hotStoreBackends())('rewards ($name hot store)', ({ make }) => {
  let t: TestApp;
  let f: ReturnType<typeof rewardFixtures>;
  beforeAll(async () => {
    t = await createTestApp({ rewardsHotStore: make() });
    f = rewardFixtures(t);
  });
  afterAll(() => t.close());

  it('counts distinct ids exactly up to the target, stores no more, and pays once', async () => {
    const type = freshType('video.watched');
    const { id: gameId } = await f.game([watch(type, 3)]);
    const m = await t.member(['buyer']);
    const answer = await f.send(['v1', 'v1', 'v2', 'v3', 'v4', 'v5'].map((v) => ev(m.id, type, { videoId: v })));
    expect(answer.accepted).toBe(6);
    expect(answer.items.flatMap((i) => i.completed ?? [])).toEqual([expect.objectContaining({ milestoneKey: 'watch', status: 'paid' })]);
    expect(await f.balance(m.id)).toBe(50);
    const stored = await t.db.database.pool.query('SELECT count(*)::int AS n FROM rewards.distinct_ids WHERE game_id = $1 AND member_id = $2', [gameId, m.id]);
    expect(stored.rows[0].n).toBe(3);
    // The next day's goal starts over.
    await f.send(['v1', 'v2', 'v3'].map((v) => ev(m.id, type, { videoId: v }, { occurredAt: new Date(Date.now() - DAY_MS).toISOString() })));
    expect(await f.balance(m.id)).toBe(100);
  });

  it('pays once for 50 identical completing events sent in parallel', async () => {
    const type = freshType('video.watched');
    await f.game([watch(type, 1)]);
    const m = await t.member(['buyer']);
    const event = ev(m.id, type, { videoId: 'x' });
    const answers = await Promise.all(Array.from({ length: 50 }, () => f.send([event])));
    const statuses = answers.map((a) => a.items[0]!.status);
    // One is counted; the others are replays, or (once the goal is met) change nothing.
    expect(statuses.filter((s) => s === 'accepted')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'duplicate' || s === 'unchanged')).toHaveLength(49);
    expect(await f.balance(m.id)).toBe(50);
  });

  it('pays once when 50 different events complete the same milestone at once', async () => {
    const type = freshType('video.watched');
    const { id: gameId } = await f.game([watch(type, 1, { repeats: false, window: { kind: 'all_time' } })]);
    const m = await t.member(['buyer']);
    await Promise.all(Array.from({ length: 50 }, (_, i) => f.send([ev(m.id, type, { videoId: `v${i}` })])));
    expect(await f.balance(m.id)).toBe(50);
    const done = await t.db.database.pool.query('SELECT count(*)::int AS n FROM rewards.completions WHERE game_id = $1', [gameId]);
    expect(done.rows[0].n).toBe(1);
  });

  it('stops paying when the budget is spent, and says so', async () => {
    const type = freshType('video.watched');
    const { id: gameId } = await f.game([watch(type, 1)], { budgetCoins: 100 });
    const members = await Promise.all([1, 2, 3].map(() => t.member(['buyer'])));
    for (const m of members) await f.send([ev(m.id, type, { videoId: 'a' })]);
    expect(await Promise.all(members.map((m) => f.balance(m.id)))).toEqual([50, 50, 0]);
    const stats = (await t.call(t.adminKey, { method: 'GET', url: `/v1/games/${gameId}/stats` })).json();
    expect(stats).toMatchObject({ budgetCoins: 100, spentCoins: 100, budgetLeft: 0, coinsPaid: 100, completions: { paid: 2, budget_exhausted: 1 } });
    expect(stats.participantsPerDay[0].estimate).toBe(3);
  });

  it('combines checkpoints: a flag, a count with filters, and pays a coupon too', async () => {
    const type = freshType('video.watched');
    const campaign = await f.coupons.campaign(10);
    const { id: gameId } = await f.game([{
      key: 'starter', name: 'Get started', window: { kind: 'all_time' },
      checkpoints: [
        { key: 'profile', kind: 'flag', eventType: `${type}.profile`, target: 1 },
        { key: 'spend', kind: 'count', eventType: `${type}.order`, target: 3, filters: [{ path: 'channel', op: 'in', values: ['ios', 'android'] }, { path: 'amount', op: 'range', min: 100 }] },
      ],
      reward: { coins: 20, couponCampaignId: campaign },
    }]);
    const m = await t.member(['buyer']);
    await f.send([
      ev(m.id, `${type}.order`, { channel: 'web', amount: 500 }, { value: 5 }),
      ev(m.id, `${type}.order`, { channel: 'ios', amount: 50 }, { value: 5 }),
      ev(m.id, `${type}.order`, { channel: 'ios', amount: 500 }, { value: 2 }),
    ]);
    let progress = (await t.call(m.key, { method: 'GET', url: `/v1/members/${m.id}/progress` })).json();
    const starter = progress.games.find((g: { gameId: string }) => g.gameId === gameId).milestones[0];
    expect(starter.checkpoints).toMatchObject([{ key: 'profile', current: 0, met: false }, { key: 'spend', current: 2, target: 3, met: false }]);
    const answer = await f.send([ev(m.id, `${type}.order`, { channel: 'android', amount: 100 }), ev(m.id, `${type}.profile`)]);
    expect(answer.items.flatMap((i) => i.completed ?? [])).toEqual([expect.objectContaining({ milestoneKey: 'starter', status: 'paid' })]);
    expect(await f.balance(m.id)).toBe(20);
    const coupons = (await t.call(m.key, { method: 'GET', url: '/v1/coupons' })).json().items;
    expect(coupons).toEqual([expect.objectContaining({ campaignId: campaign, source: 'reward' })]);
    progress = (await t.call(m.key, { method: 'GET', url: `/v1/members/${m.id}/progress` })).json();
    expect(progress.games.find((g: { gameId: string }) => g.gameId === gameId).milestones[0]).toMatchObject({ completed: true, completion: { status: 'paid', coins: 20 } });
  });

  it('refuses bad events one by one and takes the rest', async () => {
    const type = freshType('video.watched');
    await f.game([watch(type, 5)]);
    const m = await t.member(['buyer']);
    const unapproved = await t.member(['buyer'], { approved: false });
    const good = ev(m.id, type, { videoId: 'ok' });
    const first = await f.send([good]);
    expect(first.items[0]!.status).toBe('accepted');
    const answer = await f.send([
      ev('7d1c5a52-32b1-4c1e-9a7e-3f0d4e2b9c11', type, { videoId: 'a' }),
      ev(unapproved.id, type, { videoId: 'a' }),
      { ...ev(m.id, type), value: 'seven' },
      { id: 'no-type', memberId: m.id, occurredAt: new Date().toISOString() },
      ev(m.id, type, { videoId: 'x'.repeat(5000) }),
      ev(m.id, type, { videoId: 'old' }, { occurredAt: new Date(Date.now() - 4 * DAY_MS).toISOString() }),
      ev(m.id, type, { videoId: 'future' }, { occurredAt: new Date(Date.now() + DAY_MS).toISOString() }),
      { ...good, attributes: { videoId: 'changed' } },
      ev(m.id, type, { videoId: 'fine' }, { id: 'twice' }),
      ev(m.id, type, { videoId: 'fine' }, { id: 'twice' }),
      'not an object' as unknown as object,
    ]);
    expect(answer.items.map((i) => i.error?.code ?? i.status)).toEqual([
      'REWARD_EVENT_MEMBER_NOT_FOUND', 'REWARD_EVENT_MEMBER_NOT_FOUND', 'VALIDATION_FAILED', 'VALIDATION_FAILED',
      'REWARD_EVENT_ATTRIBUTES_TOO_LARGE', 'REWARD_EVENT_TOO_OLD', 'REWARD_EVENT_IN_FUTURE', 'REWARD_EVENT_EXISTS_WITH_DIFFERENT_FIELDS',
      'accepted', 'REWARD_EVENT_DUPLICATE_IN_BATCH', 'VALIDATION_FAILED',
    ]);
    expect(answer).toMatchObject({ accepted: 1, duplicates: 0, rejected: 10 });
    expect((await f.send([good])).items[0]!.status).toBe('duplicate');
  });

  it('refuses an event with a NUL character on its own, and counts the others of the batch', async () => {
    const type = freshType('video.watched');
    await f.game([watch(type, 2)]);
    const m = await t.member(['buyer']);
    const answer = await f.send([
      ev(m.id, type, { videoId: 'a' }),
      ev(m.id, type, { videoId: 'nul\u0000' }),
      ev(m.id, type, { videoId: 'b', ['k\u0000']: 1 }),
      ev(m.id, type, { videoId: 'c' }),
    ]);
    expect(answer.items.map((i) => i.error?.code ?? i.status)).toEqual(['accepted', 'VALIDATION_FAILED', 'VALIDATION_FAILED', 'accepted']);
    expect(await f.balance(m.id)).toBe(50);
  });

  it('pays only from budget accounts, named by admins or keys that may move money', async () => {
    const type = freshType('video.watched');
    const buyer = await t.member(['buyer']);
    const game = (over: object, key = t.adminKey) => t.call(key, { method: 'POST', url: '/v1/games', payload: {
      name: 'g', startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + DAY_MS).toISOString(), budgetCoins: 100, milestones: [watch(type, 1)], ...over,
    } });
    for (const fundingAccountId of ['sys:issuance:COIN', `member:${buyer.id}:COIN`]) {
      const res = await game({ fundingAccountId });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('REWARD_FUNDING_ACCOUNT_INVALID');
    }
    const budget = await f.coupons.coinBudget(1, 100);
    const rewardsOnly = (await t.call(t.adminKey, { method: 'POST', url: '/v1/api-keys', payload: { name: 'games', service: true, scopes: ['rewards:write'] } })).json().key;
    expect((await game({ fundingAccountId: budget }, rewardsOnly)).statusCode).toBe(403);
    const withWallet = (await t.call(t.adminKey, { method: 'POST', url: '/v1/api-keys', payload: { name: 'games2', service: true, scopes: ['rewards:write', 'wallet:write'] } })).json().key;
    expect((await game({ fundingAccountId: budget }, withWallet)).statusCode).toBe(201);
  });

  it('pays a smaller reward that fits the budget after a larger one that does not', async () => {
    const type = freshType('video.watched');
    const { id: gameId } = await f.game([
      { ...watch(type, 1), key: 'big', reward: { coins: 50 } },
      { ...watch(type, 1), key: 'small', reward: { coins: 20 } },
    ], { budgetCoins: 30 });
    const m = await t.member(['buyer']);
    await f.send([ev(m.id, type, { videoId: 'a' })]);
    expect(await f.balance(m.id)).toBe(20);
    const stats = (await t.call(t.adminKey, { method: 'GET', url: `/v1/games/${gameId}/stats` })).json();
    expect(stats).toMatchObject({ spentCoins: 20, completions: { paid: 1, budget_exhausted: 1 } });
  });

  it('counts members named in upper case, and refuses times JavaScript cannot read', async () => {
    const type = freshType('video.watched');
    const m = await t.member(['buyer']);
    await f.game([watch(type, 1)], { audience: { memberIds: [m.id.toUpperCase()] } });
    const answer = await f.send([
      ev(m.id, type, { videoId: 'leap' }, { occurredAt: '2016-12-31T23:59:60Z' }),
      ev(m.id, type, { videoId: 'hour-offset' }, { occurredAt: '2026-11-25T12:00:00+05' }),
      ev(m.id, type, { videoId: 'a' }),
    ]);
    expect(answer.items.map((i) => i.error?.code ?? i.status)).toEqual(['VALIDATION_FAILED', 'VALIDATION_FAILED', 'accepted']);
    expect(await f.balance(m.id)).toBe(50);
  });

  it('answers a single bad event with its error code', async () => {
    const res = await t.call(t.adminKey, { method: 'POST', url: '/v1/events', payload: { id: 'x', type: 'a', memberId: 'nope', occurredAt: 'now' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('shows a member its own progress and no one else\'s', async () => {
    const type = freshType('video.watched');
    const { id: gameId } = await f.game([watch(type, 3)]);
    const a = await t.member(['buyer']);
    const b = await t.member(['buyer']);
    await f.send([ev(a.id, type, { videoId: 'v' })]);
    const own = await t.call(a.key, { method: 'GET', url: `/v1/members/${a.id}/progress` });
    expect(own.statusCode).toBe(200);
    const mine = own.json().games.find((g: { gameId: string }) => g.gameId === gameId).milestones[0];
    expect(mine).toMatchObject({ key: 'watch', window: 'daily', checkpoints: [{ current: 1, target: 3 }] });
    expect(Date.parse(mine.nextResetAt)).toBeGreaterThan(Date.now());
    expect((await t.call(b.key, { method: 'GET', url: `/v1/members/${a.id}/progress` })).statusCode).toBe(404);
    expect((await t.call(t.adminKey, { method: 'GET', url: `/v1/members/${a.id}/progress` })).statusCode).toBe(200);
  });
});

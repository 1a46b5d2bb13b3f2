import crypto from 'node:crypto';
import { describe, expect, it, onTestFinished } from 'vitest';
import { processCluster, type ServerProcess } from '../helpers/process.js';

/**
 * The wheel's coupon limits hold with two server processes spinning at once on one database, each
 * leasing blocks of the campaigns' units: never more coupons than a limit, every answer a client got
 * matches what is stored, and once the leases are settled issued + remaining = limit. With one
 * process stopped mid-run (SIGKILL, or SIGTERM), the units it held come back, and the other process
 * gives every one of them away.
 */
const LIMITS = [7, 13, 100];
const MEMBERS = 50;
const SPINS_PER_PROCESS = 500;
const IN_FLIGHT_PER_PROCESS = 100;
/**
 * With 100 spins in flight per process the first commit of each takes every unit (200 spins for 120
 * units), so a process stopped after it has answered anything holds none. At 20 at a time the units
 * last several batches, and the stop finds the process holding some.
 */
const IN_FLIGHT_WHEN_STOPPING = 20;
/** Short, so a killed process's leases expire (and are reaped every TTL/2) within the test. */
const LEASE_TTL_MS = 1200;
const SETTLE_WAIT_MS = 15_000;
/** B's spins come in waves of this many at once (also the in-flight bound at its stop). */
const WAVE_SPINS = 20;
const DRAIN_ROUNDS_MAX = 10;
const hour = 3600_000;

type Cluster = Awaited<ReturnType<typeof processCluster>>;
type Outcome = { kind: string; couponId?: string; campaignId?: string; code?: string };
interface Member { id: string; key: string }
interface Campaign { id: string; limit: number }

/** What the clients were told, by spin id. A spin with no answer (its process died) is unknown. */
interface Tally {
  won: Map<string, { memberId: string; outcome: Outcome }>;
  exhausted: Set<string>;
  unknown: Set<string>;
  /** Any other answer: none is expected. */
  other: string[];
}
const newTally = (): Tally => ({ won: new Map(), exhausted: new Set(), unknown: new Set(), other: [] });
const answered = (t: Tally) => t.won.size + t.exhausted.size + t.other.length;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `done` holds or the time is up; returns whether it held. */
async function waitFor(done: () => Promise<boolean>, timeoutMs = SETTLE_WAIT_MS): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

function parse(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

/** Three shared-code campaigns (7, 13, 100), a stock-weighted wheel of them, and approved members with keys. */
async function arrange(cluster: Cluster, a: ServerProcess): Promise<{ campaigns: Campaign[]; wheelId: string; members: Member[] }> {
  const window = { validFrom: new Date(Date.now() - hour).toISOString(), validTo: new Date(Date.now() + hour).toISOString() };
  const campaigns: Campaign[] = [];
  for (const limit of LIMITS) {
    const res = await cluster.post<{ id: string }>(a.baseUrl, '/v1/coupon-campaigns', {
      name: `wheel ${limit}`, value: { kind: 'fixed', amountMinor: 1000 }, currency: 'TRY', limitTotal: limit, perMemberLimit: 1000, ...window,
      codeMode: 'shared', sharedCode: `S${limit}-${crypto.randomBytes(3).toString('hex')}`,
    });
    expect(res.status).toBe(201);
    campaigns.push({ id: res.body.id, limit });
  }
  const slices = campaigns.map((c) => ({ kind: 'coupon', label: `${c.limit} left`, campaignId: c.id }));
  const wheel = await cluster.post<{ id: string }>(a.baseUrl, '/v1/wheels', { name: 'Two processes', weightMode: 'stock', ...window, slices });
  expect(wheel.status).toBe(201);
  const members = await Promise.all(Array.from({ length: MEMBERS }, async (_, i): Promise<Member> => {
    const res = await fetch(`${a.baseUrl}/v1/members`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `spinner${i}-${crypto.randomUUID()}@test.local`, displayName: `Spinner ${i}`, roles: ['buyer'] }),
    });
    expect(res.status).toBe(201);
    const { member, key } = await res.json() as { member: { id: string }; key: string };
    expect((await cluster.post(a.baseUrl, `/v1/members/${member.id}/verification`, { decision: 'approved', reason: 'test' })).status).toBe(200);
    return { id: member.id, key };
  }));
  return { campaigns, wheelId: wheel.body.id, members };
}

/** One spin; false when the process did not answer in full (it was killed). */
async function spin(base: string, wheelId: string, m: Member, tally: Tally): Promise<boolean> {
  const id = crypto.randomUUID();
  let status: number;
  let text: string;
  try {
    const res = await fetch(`${base}/v1/wheels/${wheelId}/spins`, {
      method: 'POST', headers: { authorization: `Bearer ${m.key}`, 'content-type': 'application/json' }, body: JSON.stringify({ id }),
    });
    status = res.status;
    text = await res.text();
  } catch {
    tally.unknown.add(id);
    return false;
  }
  const body = parse(text);
  if (status === 201 && body.outcome) tally.won.set(id, { memberId: m.id, outcome: body.outcome });
  else if (status === 409 && body.error?.code === 'WHEEL_EXHAUSTED') tally.exhausted.add(id);
  else tally.other.push(`${status} ${text.slice(0, 200)}`);
  return true;
}

/** `count` spins with `inFlight` at a time, spread over the members; a worker stops when its process is gone. */
async function load(base: string, wheelId: string, members: Member[], tally: Tally, count: number, inFlight = IN_FLIGHT_PER_PROCESS): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (next < count) {
      const k = next++;
      if (!(await spin(base, wheelId, members[k % members.length]!, tally))) return;
    }
  }));
}

/**
 * Samples every campaign from one snapshot while the spins run: coupons never exceed the limit,
 * and the stock view's issued is the coupons that exist (a batch adds both in one transaction).
 */
function sampler(cluster: Cluster) {
  let running = true;
  let samples = 0;
  const violations: string[] = [];
  const done = (async () => {
    while (running) {
      const { rows } = await cluster.database.database.pool.query<{ id: string; limit_total: number; coupons: number; issued: number; leased: number; remaining: number }>(`
        SELECT c.id, c.limit_total, (SELECT count(*)::int FROM coupons.coupons k WHERE k.campaign_id = c.id) AS coupons, s.issued, s.leased, s.remaining
        FROM coupons.campaigns c JOIN coupons.campaign_stock s ON s.id = c.id`);
      for (const r of rows) {
        if (r.coupons > r.limit_total || r.coupons !== r.issued || r.leased < 0 || r.remaining < 0) violations.push(JSON.stringify(r));
      }
      samples += 1;
      await sleep(10);
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      return { samples, violations };
    },
  };
}

async function couponsPerCampaign(cluster: Cluster, campaigns: Campaign[]): Promise<number[]> {
  const { rows } = await cluster.database.database.pool.query<{ campaign_id: string; n: number }>('SELECT campaign_id, count(*)::int AS n FROM coupons.coupons GROUP BY 1');
  return campaigns.map((c) => rows.find((r) => r.campaign_id === c.id)?.n ?? 0);
}

/** The campaigns as a live process answers for them, once it holds no unused units. */
async function expectSettledOverHttp(cluster: Cluster, base: string, campaigns: Campaign[]): Promise<void> {
  const read = () => Promise.all(campaigns.map(async (c) => parse(await (await fetch(`${base}/v1/coupon-campaigns/${c.id}`, { headers: { authorization: `Bearer ${cluster.adminKey}` } })).text())));
  let stock = await read();
  await waitFor(async () => (stock = await read()).every((s) => s.leased === 0));
  const coupons = await couponsPerCampaign(cluster, campaigns);
  expect(stock.map((s) => ({ issued: s.issued, leased: s.leased, sum: s.issued + s.remaining }))).toEqual(
    campaigns.map((c, i) => ({ issued: coupons[i], leased: 0, sum: c.limit })));
}

/**
 * With every process stopped: no lease is left unsettled, the campaign rows count exactly the
 * coupons that exist (and the units used under their leases), every coupon a client was told about
 * is stored as told, no refused spin left anything behind, and every stored spin was either
 * answered 201 or never answered.
 */
async function expectFinalState(cluster: Cluster, wheelId: string, campaigns: Campaign[], tally: Tally): Promise<void> {
  const pool = cluster.database.database.pool;
  expect((await pool.query('SELECT count(*)::int AS n FROM coupons.leases WHERE settled_at IS NULL')).rows[0].n).toBe(0);
  const { rows: stock } = await pool.query<{ id: string; issued_count: number; leased_units: number; issued: number; leased: number; remaining: number; used: number }>(`
    SELECT c.id, c.issued_count, c.leased_units, s.issued, s.leased, s.remaining,
           (SELECT coalesce(sum(used), 0)::int FROM coupons.leases l WHERE l.campaign_id = c.id) AS used
    FROM coupons.campaigns c JOIN coupons.campaign_stock s ON s.id = c.id`);
  const coupons = await couponsPerCampaign(cluster, campaigns);
  expect(campaigns.map((c) => stock.find((s) => s.id === c.id))).toEqual(campaigns.map((c, i) => ({
    id: c.id, issued_count: coupons[i], leased_units: 0, issued: coupons[i], leased: 0, remaining: c.limit - coupons[i]!, used: coupons[i],
  })));

  const { rows: spins } = await pool.query<{ id: string; member_id: string; outcome: Outcome }>('SELECT id, member_id, outcome FROM coupons.spins WHERE wheel_id = $1', [wheelId]);
  const stored = new Map(spins.map((s) => [s.id, s]));
  for (const [id, told] of tally.won) expect({ id, ...stored.get(id) }).toEqual({ id, member_id: told.memberId, outcome: told.outcome });
  expect([...tally.exhausted].filter((id) => stored.has(id))).toEqual([]);
  expect(spins.filter((s) => !tally.won.has(s.id) && !tally.unknown.has(s.id))).toEqual([]);
  const { rows: couponRows } = await pool.query<{ id: string; campaign_id: string; member_id: string }>('SELECT id, campaign_id, member_id FROM coupons.coupons');
  expect(new Set(couponRows.map((c) => `${c.id} ${c.campaign_id} ${c.member_id}`))).toEqual(
    new Set(spins.map((s) => `${s.outcome.couponId} ${s.outcome.campaignId} ${s.member_id}`)));
}

/** Two processes with short leases on a database of their own, and the campaigns, wheel and members. */
async function twoProcesses() {
  const cluster = await processCluster(onTestFinished);
  const env = { COUPON_LEASE_TTL_MS: String(LEASE_TTL_MS) };
  // One after the other: each takes a free port and holds it before the next looks for one.
  const a = await cluster.start(env);
  const b = await cluster.start(env);
  return { cluster, a, b, ...(await arrange(cluster, a)) };
}

async function stopGracefully(p: ServerProcess): Promise<void> {
  p.child.kill('SIGTERM');
  expect(await p.exited).toBe(0);
}

describe('the wheel: two processes spinning on small limits', () => {
  it('gives away exactly each limit over 1,000 concurrent spins, and settles every lease', async () => {
    const { cluster, a, b, campaigns, wheelId, members } = await twoProcesses();

    const tally = newTally();
    const sampling = sampler(cluster);
    await Promise.all([a, b].map((p) => load(p.baseUrl, wheelId, members, tally, SPINS_PER_PROCESS)));
    const { samples, violations } = await sampling.stop();

    expect(tally.other).toEqual([]);
    expect(tally.unknown.size).toBe(0);
    expect(answered(tally)).toBe(2 * SPINS_PER_PROCESS);
    expect(violations).toEqual([]);
    expect(samples).toBeGreaterThan(5);
    expect(await couponsPerCampaign(cluster, campaigns)).toEqual(LIMITS);
    const wonPerCampaign = campaigns.map((c) => [...tally.won.values()].filter((w) => w.outcome.campaignId === c.id).length);
    expect(wonPerCampaign).toEqual(LIMITS);

    await stopGracefully(b);
    await expectSettledOverHttp(cluster, a.baseUrl, campaigns);
    await stopGracefully(a);
    await expectFinalState(cluster, wheelId, campaigns, tally);
  });

  it('gives the units a killed process (SIGKILL) held back once its leases expire, and the survivor gives them all away', () => stopOneMidRun('SIGKILL'));

  it('gives the units a process stopped mid-run (SIGTERM) held back as it stops, and the survivor gives them all away', () => stopOneMidRun('SIGTERM'));
});

/**
 * Both processes spin; B is stopped by `signal` at a moment it holds units it has not given away.
 * Killed, its units come back when its leases expire (A's reaper settles them); stopped gracefully,
 * it settles them itself before exiting. Either way A then gives away every unit of every limit.
 */
async function stopOneMidRun(signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
  const { cluster, a, b, campaigns, wheelId, members } = await twoProcesses();
  const pool = cluster.database.database.pool;
  // The lease holder is host:pid:random; B's leases are those with B's pid.
  const liveLeasesOfB = async () => (await pool.query<{ leases: number; unused: number }>(
    'SELECT count(*)::int AS leases, coalesce(sum(units - used), 0)::int AS unused FROM coupons.leases WHERE settled_at IS NULL AND holder LIKE $1',
    [`%:${b.child.pid}:%`])).rows[0]!;

  const tallyA = newTally();
  const tallyB = newTally();
  const sampling = sampler(cluster);
  // B spins in waves; between waves B holds what its leases have left. Once that is something, A
  // starts spinning and B is stopped with fewer spins in flight than the units it holds, so some
  // of its units are certainly still unused when it dies. (A starts only then: spinning from the
  // start, it could take the stock before B ever held any.)
  let heldByB = 0;
  while (heldByB === 0 && answered(tallyB) < SPINS_PER_PROCESS) {
    await load(b.baseUrl, wheelId, members, tallyB, WAVE_SPINS, WAVE_SPINS);
    heldByB = (await liveLeasesOfB()).unused;
  }
  const loadOfA = load(a.baseUrl, wheelId, members, tallyA, SPINS_PER_PROCESS, IN_FLIGHT_WHEN_STOPPING);
  const inFlightAtStop = Array.from({ length: Math.min(heldByB - 1, WAVE_SPINS) }, (_, i) => spin(b.baseUrl, wheelId, members[i]!, tallyB));
  await sleep(10);
  b.child.kill(signal);
  expect(await b.exited).toBe(signal === 'SIGKILL' ? null : 0);
  // Read at once, well before B's leases could expire and be reaped by A.
  const leftByB = await liveLeasesOfB();
  await Promise.all([loadOfA, ...inFlightAtStop]);

  // A's reaper settles a killed B's leases once they expire; then A spins until nothing is left.
  const leasesOfBSettled = await waitFor(async () => (await liveLeasesOfB()).leases === 0);
  const drain = newTally();
  for (let round = 0; round < DRAIN_ROUNDS_MAX; round++) {
    await sleep(300); // past the wheel's cached stock view
    const before = drain.won.size;
    await load(a.baseUrl, wheelId, members, drain, 50, 50);
    if (drain.won.size === before) break;
  }
  const { samples, violations } = await sampling.stop();

  expect(heldByB).toBeGreaterThan(0);
  // Killed, B left units unused under live leases; stopped, it gave them back before exiting.
  if (signal === 'SIGKILL') {
    expect(leftByB.unused).toBeGreaterThan(0);
  } else {
    expect(leftByB).toEqual({ leases: 0, unused: 0 });
    expect(tallyB.unknown.size).toBe(0); // it answered every spin it had received
  }
  expect(leasesOfBSettled).toBe(true);
  expect(drain.exhausted.size).toBeGreaterThan(0);
  expect([...tallyA.other, ...tallyB.other, ...drain.other]).toEqual([]);
  expect(tallyA.unknown.size + drain.unknown.size).toBe(0);
  expect(violations).toEqual([]);
  expect(samples).toBeGreaterThan(5);
  expect(await couponsPerCampaign(cluster, campaigns)).toEqual(LIMITS);

  await expectSettledOverHttp(cluster, a.baseUrl, campaigns);
  await stopGracefully(a);
  const all: Tally = {
    won: new Map([...tallyA.won, ...tallyB.won, ...drain.won]), exhausted: new Set([...tallyA.exhausted, ...tallyB.exhausted, ...drain.exhausted]),
    unknown: tallyB.unknown, other: [],
  };
  await expectFinalState(cluster, wheelId, campaigns, all);
}

import crypto from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { authPlugin, principalOf, type Principal } from '../src/platform/auth.js';
import type { Running } from '../src/server.js';
import { drawSlice } from '../src/modules/coupons/draw.js';
import { envInt } from './lib/env.js';
import { startBenchServer } from './lib/server.js';
import { startLoadGenerator, type LoadGenerator, type Measurement } from './lib/load.js';
import type { BenchResult, Row } from './lib/types.js';

export const description = 'Trove POST /v1/wheels/{id}/spins (stock leases, shared commits) vs a naive spin (one conditional UPDATE of the campaign row per spin)';

const SETTINGS = {
  durationS: envInt('BENCH_DURATION_S', 30, 1, 600),
  warmupS: envInt('BENCH_WARMUP_S', 3, 0, 60),
  connections: envInt('BENCH_CONNECTIONS', 64, 1, 1024),
  members: envInt('BENCH_MEMBERS', 2_000, 1, 100_000),
  /** The small slice sells out during the run, so an oversell would show. */
  smallLimit: envInt('BENCH_SMALL_LIMIT', 5_000, 1, 1_000_000),
  embeddedPgPort: envInt('BENCH_PG_PORT', 54339, 1024, 65535),
};
const BIG_LIMIT = 100_000_000;
/** Explicit weights: the big campaign, the small one, nothing. */
const WEIGHTS = [50, 10, 40];

interface Setup {
  wheelId: string;
  campaigns: { id: string; limit: number }[];
  memberKeys: string[];
}

export async function run(): Promise<BenchResult> {
  const server = await startBenchServer('wheel', SETTINGS.embeddedPgPort);
  const { running, adminKey, postgresVersion } = server;
  let load: LoadGenerator | null = null;
  let naive: FastifyInstance | null = null;
  try {
    const memberKeys = await createMembers(running);
    load = startLoadGenerator();

    const trove = await setUp(running, adminKey, memberKeys);
    const troveRun = await measure(load, `${running.url}/v1/wheels/${trove.wheelId}/spins`, memberKeys);
    await running.app.services.wheels.leases.stop();
    const troveOversold = await oversold(running, trove);

    const baseline = await setUp(running, adminKey, memberKeys);
    naive = await startNaive(running);
    const naiveRun = await measure(load, `${naiveUrl(naive)}/naive/wheels/${baseline.wheelId}/spins`, memberKeys);
    const naiveOversold = await oversold(running, baseline);
    return report(troveRun, naiveRun, troveOversold, naiveOversold, postgresVersion);
  } finally {
    await load?.close();
    await naive?.close();
    await server.stop();
  }
}

/** Approved buyers with keys, many enough that 64 connections rarely spin as one member at once. */
async function createMembers(running: Running): Promise<string[]> {
  const { members } = running.app.services;
  const admin: Principal = { kind: 'service', keyId: 'bench', scopes: ['admin'] } as unknown as Principal;
  const keys: string[] = [];
  const run = crypto.randomBytes(3).toString('hex');
  for (let i = 0; i < SETTINGS.members; i++) {
    await running.database.db.transaction().execute(async (tx) => {
      const r = await members.register(tx, { email: `spinner${i}-${run}@bench.local`, displayName: `Spinner ${i}`, roles: ['buyer'] }, admin);
      if (!r.ok) throw new Error(r.code);
      const d = await members.decide(tx, { memberId: r.value.member.id, to: 'approved', reason: 'bench', by: admin });
      if (!d.ok) throw new Error(d.code);
      keys.push(r.value.key);
    });
  }
  return keys;
}

/** A wheel of a large campaign, a small one that sells out during the run, and nothing. */
async function setUp(running: Running, adminKey: string, _keys: string[]): Promise<Setup> {
  const campaign = async (limit: number) => {
    const res = await call(running, adminKey, '/v1/coupon-campaigns', {
      name: `bench ${limit}`, value: { kind: 'fixed', amountMinor: 1000 }, currency: 'TRY', limitTotal: limit, perMemberLimit: 1_000,
      validFrom: new Date(Date.now() - 60_000).toISOString(), validTo: new Date(Date.now() + 86_400_000).toISOString(),
      codeMode: 'shared', sharedCode: `B-${crypto.randomBytes(5).toString('hex').toUpperCase()}`,
    });
    return { id: res.id as string, limit };
  };
  const campaigns = [await campaign(BIG_LIMIT), await campaign(SETTINGS.smallLimit)];
  const wheel = await call(running, adminKey, '/v1/wheels', {
    name: 'bench wheel', weightMode: 'explicit',
    validFrom: new Date(Date.now() - 60_000).toISOString(), validTo: new Date(Date.now() + 86_400_000).toISOString(),
    slices: [
      { kind: 'coupon', label: 'big', campaignId: campaigns[0]!.id, weight: WEIGHTS[0] },
      { kind: 'coupon', label: 'small', campaignId: campaigns[1]!.id, weight: WEIGHTS[1] },
      { kind: 'nothing', label: 'nothing', weight: WEIGHTS[2] },
    ],
  });
  return { wheelId: wheel.id as string, campaigns, memberKeys: _keys };
}

async function call(running: Running, key: string, url: string, body: object): Promise<Record<string, unknown>> {
  const res = await fetch(`${running.url}${url}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

async function measure(load: LoadGenerator, url: string, memberKeys: string[]): Promise<Measurement> {
  const job = { url, headers: {}, connections: SETTINGS.connections, spins: { memberKeys } };
  if (SETTINGS.warmupS > 0) await load.measure({ ...job, durationS: SETTINGS.warmupS });
  return load.measure({ ...job, durationS: SETTINGS.durationS });
}

/** Coupons beyond each campaign's limit, summed: must be 0. */
async function oversold(running: Running, s: Setup): Promise<number> {
  let over = 0;
  for (const c of s.campaigns) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM coupons.coupons WHERE campaign_id = ${c.id}`.execute(running.database.db);
    over += Math.max(0, rows[0]!.n - c.limit);
  }
  return over;
}

/**
 * The naive design, on the same PostgreSQL, auth and HTTP stack: per spin one transaction that
 * draws, takes the unit with a conditional UPDATE of the campaign row (the row every spin of the
 * campaign waits for), and stores the coupon and the spin. It skips the daily rule and the
 * per-member limit, so it is, if anything, flattered.
 */
async function startNaive(running: Running): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(authPlugin, { resolveKey: (hash) => running.app.services.members.resolveKey(hash) });
  const db = running.database.db;
  app.post<{ Params: { id: string }; Body: { id: string } }>('/naive/wheels/:id/spins', async (request, reply) => {
    const memberId = (principalOf(request) as { memberId: string }).memberId;
    const wheel = (await running.app.services.wheels.find(db, request.params.id))!;
    const excluded = new Set<number>();
    return db.transaction().execute(async (tx) => {
      for (;;) {
        const position = drawSlice(wheel.slices.filter((s) => !excluded.has(s.position)).map((s) => ({ id: String(s.position), weight: s.weight })));
        if (position === null) return reply.code(409).send({ error: { code: 'WHEEL_EXHAUSTED' } });
        const slice = wheel.slices[Number(position)]!;
        let code: string | null = null;
        if (slice.kind === 'coupon') {
          const { rows } = await sql<{ shared_code: string }>`
            UPDATE coupons.campaigns SET issued_count = issued_count + 1 WHERE id = ${slice.campaignId} AND issued_count + leased_units < limit_total
            RETURNING shared_code`.execute(tx);
          if (!rows[0]) {
            excluded.add(slice.position);
            continue;
          }
          code = rows[0].shared_code;
          await sql`INSERT INTO coupons.coupons (id, campaign_id, member_id, code, source) VALUES (${crypto.randomUUID()}, ${slice.campaignId}, ${memberId}, ${code}, 'spin')`.execute(tx);
        }
        const outcome = { kind: slice.kind, position: slice.position, label: slice.label, code };
        await sql`INSERT INTO coupons.spins (id, wheel_id, member_id, spin_day, slice_position, outcome)
                  VALUES (${request.body.id}, ${wheel.id}, ${memberId}, current_date, ${slice.position}, ${JSON.stringify(outcome)}::jsonb)`.execute(tx);
        return reply.code(201).send({ id: request.body.id, outcome });
      }
    });
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return app;
}

function naiveUrl(app: FastifyInstance): string {
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the naive server has no port');
  return `http://127.0.0.1:${address.port}`;
}

function report(trove: Measurement, naive: Measurement, troveOversold: number, naiveOversold: number, postgresVersion: string): BenchResult {
  const row = (name: string, m: Measurement, over: number): Row => ({
    run: name, 'spins/s': m.requestsPerSec, 'p50 ms': m.latencyP50Ms, 'p99 ms': m.latencyP99Ms, 'mean ms': m.latencyMeanMs,
    errors: m.errors, 'non-2xx': m.non2xx, oversold: over,
    'server cpu%': m.serverCpuPercent, 'pg cpu%': m.databaseCpuPercent, 'loadgen cpu%': m.loadgenCpuPercent, 'other cpu%': m.otherCpuPercent,
  });
  return {
    rows: [row('trove (leases, shared commits)', trove, troveOversold), row('naive (UPDATE per spin)', naive, naiveOversold)],
    summary: { 'trove / naive': trove.requestsPerSec / naive.requestsPerSec, 'oversold total': troveOversold + naiveOversold },
    settings: { ...SETTINGS, weights: WEIGHTS.join('/') },
    postgresVersion,
    notes: [
      'Each request is a new spin id from a member picked at random; both sides store the coupon and the spin before answering.',
      'The small campaign sells out during each run; "oversold" counts coupons beyond a campaign\'s limit (must be 0).',
    ],
  };
}

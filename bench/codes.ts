import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Running } from '../src/server.js';
import { envInt } from './lib/env.js';
import { startBenchServer } from './lib/server.js';
import type { BenchResult } from './lib/types.js';

export const description = 'Trove POST /v1/coupon-campaigns/{id}/codes (100,000 unique codes) vs plain PostgreSQL generating and inserting as many';

const SETTINGS = {
  codes: envInt('BENCH_CODES', 100_000, 1, 100_000),
  rounds: envInt('BENCH_ROUNDS', 3, 1, 20),
  embeddedPgPort: envInt('BENCH_PG_PORT', 54339, 1024, 65535),
};

export async function run(): Promise<BenchResult> {
  const server = await startBenchServer('codes', SETTINGS.embeddedPgPort);
  const { running, adminKey, postgresVersion } = server;
  try {
    const trove: number[] = [];
    const plain: number[] = [];
    for (let round = 0; round < SETTINGS.rounds; round++) {
      trove.push(await troveRound(running, adminKey));
      plain.push(await plainRound(running));
    }
    const best = (xs: number[]) => Math.min(...xs);
    return {
      rows: [
        { run: 'trove (CSPRNG, unambiguous alphabet, HTTP)', codes: SETTINGS.codes, 'best s': best(trove) / 1000, 'mean s': mean(trove) / 1000, 'codes/s': SETTINGS.codes / (best(trove) / 1000) },
        { run: 'plain PostgreSQL (random(), INSERT ... SELECT)', codes: SETTINGS.codes, 'best s': best(plain) / 1000, 'mean s': mean(plain) / 1000, 'codes/s': SETTINGS.codes / (best(plain) / 1000) },
      ],
      summary: { 'trove / plain (time)': best(trove) / best(plain) },
      settings: SETTINGS,
      postgresVersion,
      notes: [
        'Both write into a table with a text primary key and a partial index on the free codes.',
        'The peer uses PostgreSQL random(), which is not unguessable: it is the floor for generating and storing, not a like-for-like product.',
      ],
    };
  } finally {
    await server.stop();
  }
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Milliseconds for one request generating the codes of a new campaign. */
async function troveRound(running: Running, key: string): Promise<number> {
  const post = async (url: string, body: object) => {
    const res = await fetch(`${running.url}${url}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string; added?: number };
  };
  const campaign = await post('/v1/coupon-campaigns', {
    name: 'bench codes', value: { kind: 'fixed', amountMinor: 500 }, currency: 'TRY', limitTotal: SETTINGS.codes,
    validFrom: new Date(Date.now() - 60_000).toISOString(), validTo: new Date(Date.now() + 86_400_000).toISOString(), codeMode: 'unique',
  });
  const started = performance.now();
  const added = await post(`/v1/coupon-campaigns/${campaign.id}/codes`, { count: SETTINGS.codes });
  const ms = performance.now() - started;
  if (added.added !== SETTINGS.codes) throw new Error(`asked for ${SETTINGS.codes} codes, got ${added.added}`);
  return ms;
}

/** Milliseconds for plain SQL to generate and insert as many 10-symbol codes. */
async function plainRound(running: Running): Promise<number> {
  const { pool } = running.database;
  const table = `bench_codes_${crypto.randomBytes(3).toString('hex')}`;
  await pool.query(`CREATE TABLE ${table} (code text PRIMARY KEY, campaign_id uuid NOT NULL, coupon_id uuid)`);
  await pool.query(`CREATE INDEX ON ${table} (campaign_id, code) WHERE coupon_id IS NULL`);
  const started = performance.now();
  await pool.query(`
    INSERT INTO ${table} (code, campaign_id)
    SELECT string_agg(substr('23456789ABCDEFGHJKMNPQRSTVWXYZ', 1 + floor(random() * 30)::int, 1), ''), $2::uuid
    FROM generate_series(0, $1 * 10 - 1) AS i GROUP BY i / 10
    ON CONFLICT DO NOTHING`, [SETTINGS.codes, crypto.randomUUID()]);
  const ms = performance.now() - started;
  await pool.query(`DROP TABLE ${table}`);
  return ms;
}

import http from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, printedKey, startServerProcess, tempDataDir, type ServerProcess } from '../helpers/process.js';

/**
 * The real process: `trove serve` on a fresh data directory with an embedded PostgreSQL
 * (DATABASE_URL removed), as `npm start` runs it.
 */
describe('the server process', () => {
  const started: ServerProcess[] = [];
  afterAll(async () => {
    for (const s of started) if (s.child.exitCode === null) s.child.kill('SIGKILL');
  });

  async function start(): Promise<ServerProcess> {
    const s = await startServerProcess({ DATABASE_URL: undefined, TROVE_DATA_DIR: tempDataDir(), TROVE_PG_PORT: String(await freePort()) });
    started.push(s);
    return s;
  }

  it('goes from an empty data directory to a first authenticated 200 in one process', async () => {
    const t0 = Date.now();
    const s = await start();
    const adminKey = printedKey(s.output(), 'admin@trove.local');
    const me = await fetch(`${s.baseUrl}/v1/members/me`, { headers: { authorization: `Bearer ${adminKey}` } });
    expect(me.status).toBe(200);
    expect((await me.json()).roles).toEqual(['admin']);
    // The demo members exist and are approved.
    const sellerKey = printedKey(s.output(), 'seller@demo.trove.local');
    const seller = await (await fetch(`${s.baseUrl}/v1/members/me`, { headers: { authorization: `Bearer ${sellerKey}` } })).json();
    expect(seller).toMatchObject({ roles: ['seller'], verificationState: 'approved' });
    const buyerKey = printedKey(s.output(), 'buyer1@demo.trove.local');
    const wallet = await (await fetch(`${s.baseUrl}/v1/wallet`, { headers: { authorization: `Bearer ${buyerKey}` } })).json();
    expect(wallet.items).toMatchObject([{ asset: 'COIN', balance: { posted: 1000, available: 1000 } }]);
    // The demo game counts a buyer's videos: three different ones today pay 20 coins.
    const me2 = await (await fetch(`${s.baseUrl}/v1/members/me`, { headers: { authorization: `Bearer ${buyerKey}` } })).json();
    const sent = await fetch(`${s.baseUrl}/v1/events`, {
      method: 'POST', headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events: ['a', 'b', 'c'].map((v) => ({ id: `demo-${v}`, type: 'video.watched', memberId: me2.id, occurredAt: new Date().toISOString(), attributes: { videoId: v } })) }),
    });
    expect((await sent.json()).items.flatMap((i: { completed?: unknown[] }) => i.completed ?? [])).toEqual([expect.objectContaining({ milestoneKey: 'daily-videos', status: 'paid' })]);
    const progress = await (await fetch(`${s.baseUrl}/v1/members/${me2.id}/progress`, { headers: { authorization: `Bearer ${buyerKey}` } })).json();
    expect(progress.games[0].milestones.map((m: { key: string }) => m.key)).toEqual(['daily-videos', 'streak']);
    console.log(`fresh data directory to first 200: ${Date.now() - t0} ms`);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  });

  it('finishes a request in flight when told to stop, then exits cleanly', async () => {
    const s = await start();
    const body = JSON.stringify({ email: 'inflight@test.local', displayName: 'In Flight', roles: ['buyer'] });
    const half = Math.floor(body.length / 2);
    // Send half the body, signal SIGTERM, then the rest: the request was in flight at the signal.
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${s.baseUrl}/v1/members`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      req.write(body.slice(0, half));
      setTimeout(() => {
        s.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(half)), 300);
      }, 100);
    });
    const result = await response;
    expect(result.status).toBe(201);
    expect(JSON.parse(result.body).member.email).toBe('inflight@test.local');
    expect(await s.exited).toBe(0);
  });

  it('completes every request that was sent before SIGTERM', async () => {
    const s = await start();
    const adminKey = printedKey(s.output(), 'admin@trove.local');
    const agent = new http.Agent({ keepAlive: false });
    const get = () => new Promise<number>((resolve, reject) => {
      http.get(`${s.baseUrl}/v1/members/me`, { agent, headers: { authorization: `Bearer ${adminKey}` } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      }).on('error', reject);
    });
    const inFlight = Array.from({ length: 40 }, get);
    await new Promise((r) => setTimeout(r, 5));
    s.child.kill('SIGTERM');
    // Every request sent before the signal is served: the process keeps accepting for
    // SHUTDOWN_DELAY_MS, so none is refused or reset, none gets a 5xx.
    expect(await Promise.all(inFlight)).toEqual(Array(40).fill(200));
    expect(await s.exited).toBe(0);
  });

  it('starts again on the same data directory after a kill -9, keeping its data', async () => {
    const dataDir = tempDataDir();
    const pgPort = String(await freePort());
    const first = await startServerProcess({ DATABASE_URL: undefined, TROVE_DATA_DIR: dataDir, TROVE_PG_PORT: pgPort });
    started.push(first);
    const adminKey = printedKey(first.output(), 'admin@trove.local');
    first.child.kill('SIGKILL');
    await first.exited;
    const second = await startServerProcess({ DATABASE_URL: undefined, TROVE_DATA_DIR: dataDir, TROVE_PG_PORT: pgPort });
    started.push(second);
    expect(second.output()).not.toContain('admin@trove.local');
    const me = await fetch(`${second.baseUrl}/v1/members/me`, { headers: { authorization: `Bearer ${adminKey}` } });
    expect(me.status).toBe(200);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});

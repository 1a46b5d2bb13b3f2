import crypto from 'node:crypto';
import { describe, expect, it, onTestFinished } from 'vitest';
import { processCluster } from '../helpers/process.js';

/**
 * The limit of a campaign holds with two server processes issuing at once, one of them killed
 * with SIGKILL in the middle: never more coupons than the limit, and every coupon a client was
 * told about exists exactly once, with the campaign's counter equal to the coupons that exist.
 */
describe('coupons: two processes, one killed mid-run', () => {
  it('never issues past the limit and leaves no half-issued coupon', async () => {
    const cluster = await processCluster(onTestFinished);
    const d = cluster.database;
    const [a, b] = [await cluster.start(), await cluster.start()];
    const call = (base: string, path: string, body: unknown) => cluster.post<{ id?: string; error?: { code: string } }>(base, path, body);
    const hour = 3600_000;
    const campaign = await call(a.baseUrl, '/v1/coupon-campaigns', {
      name: 'Two processes', value: { kind: 'fixed', amountMinor: 1500 }, currency: 'TRY', limitTotal: 150,
      validFrom: new Date(Date.now() - hour).toISOString(), validTo: new Date(Date.now() + hour).toISOString(), codeMode: 'unique',
    });
    expect(campaign.status).toBe(201);
    const campaignId = campaign.body.id!;
    expect((await call(a.baseUrl, `/v1/coupon-campaigns/${campaignId}/codes`, { count: 150 })).status).toBe(201);

    const confirmed = new Set<string>();
    const refusals: string[] = [];
    let sent = 0;
    const worker = (base: string) => async () => {
      while (sent < 400) {
        sent += 1;
        const id = crypto.randomUUID();
        let r: Awaited<ReturnType<typeof call>>;
        try {
          r = await call(base, `/v1/coupon-campaigns/${campaignId}/coupons`, { id, memberId: crypto.randomUUID() });
        } catch {
          return; // this process was killed
        }
        if (r.status === 201) confirmed.add(id);
        else refusals.push(r.body.error?.code ?? String(r.status));
      }
    };
    const load = Promise.all([...Array.from({ length: 8 }, worker(a.baseUrl)), ...Array.from({ length: 8 }, worker(b.baseUrl))]);
    while (confirmed.size < 40) await new Promise((r) => setTimeout(r, 5));
    b.child.kill('SIGKILL');
    await load;
    expect(new Set(refusals)).toEqual(new Set(['COUPON_SOLD_OUT']));

    const { rows: [campaignRow] } = await d.database.pool.query('SELECT issued_count FROM coupons.campaigns WHERE id = $1', [campaignId]);
    const { rows: coupons } = await d.database.pool.query<{ id: string }>('SELECT id FROM coupons.coupons WHERE campaign_id = $1', [campaignId]);
    const { rows: [codes] } = await d.database.pool.query('SELECT count(*)::int AS taken FROM coupons.codes WHERE campaign_id = $1 AND coupon_id IS NOT NULL', [campaignId]);
    expect(coupons.length).toBeLessThanOrEqual(150);
    expect(campaignRow.issued_count).toBe(coupons.length);
    expect(codes.taken).toBe(coupons.length);
    const stored = new Set(coupons.map((c) => c.id));
    for (const id of confirmed) expect(stored.has(id)).toBe(true);
    // The surviving process sells out the rest exactly.
    expect(coupons.length).toBe(150);
    a.child.kill('SIGTERM');
    await a.exited;
  });
});

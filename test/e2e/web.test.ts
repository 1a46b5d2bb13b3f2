import crypto from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeFindings, buildWebApp, chromiumPath, launchBrowser, screenshot, signIn } from '../helpers/browser.js';
import { printedKey, processCluster, type ServerProcess } from '../helpers/process.js';

/**
 * The web app in a real browser against the real service process: the journeys issue 9 names,
 * screenshots of the main pages (test-results/web/), and axe-core on them. Without Chromium the
 * file is skipped, except in CI, where it must run.
 */
const CHROMIUM = chromiumPath();
const DEMO_PASSWORD = 'demo-password';
const SELLER = 'seller@demo.trove.local';
const BUYER1 = 'buyer1@demo.trove.local';
const BUYER2 = 'buyer2@demo.trove.local';

describe.skipIf(!CHROMIUM && !process.env.CI)('the web app in a browser', () => {
  let server: ServerProcess;
  let browser: Browser;
  let adminKey: string;
  const contexts: BrowserContext[] = [];
  let cleanup: () => Promise<void> = async () => {};

  beforeAll(async () => {
    if (!CHROMIUM) throw new Error('CI needs Debian\'s chromium for the browser tests (.ci/run installs it)');
    buildWebApp();
    const cluster = await processCluster((fn) => (cleanup = fn));
    adminKey = cluster.adminKey;
    server = await cluster.start({ TROVE_SEED_DEMO: 'true', PAYMENTS_SANDBOX: 'true' });
    browser = await launchBrowser(CHROMIUM);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await cleanup();
  });

  const base = () => server.baseUrl;
  const keyOf = (email: string) => printedKey(server.output(), email);
  const adminPassword = () => /admin@trove\.local\s+(\S+)\s*$/m.exec(server.output().split('Web sign-in passwords')[1] ?? '')?.[1] ?? '';
  async function api<T = any>(key: string, method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${base()}${path}`, { method, headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }
  async function listing(title: string, over: object = {}): Promise<string> {
    const { id } = await api(keyOf(SELLER), 'POST', '/v1/listings', { title, description: `${title}, in good order`, category: 'home', priceMinor: 300, currency: 'COIN', quantity: 5, condition: 'good', ...over });
    await api(keyOf(SELLER), 'PATCH', `/v1/listings/${id}`, { state: 'active' });
    return id;
  }
  async function pageAs(email: string, password = DEMO_PASSWORD): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, base(), email, password);
    return page;
  }
  async function expectAccessible(page: Page, name: string) {
    await screenshot(page, name);
    expect(await axeFindings(page), name).toEqual([]);
  }

  it('a buyer signs in, finds a listing, applies a promotion code, pays in coins and sees the order', async () => {
    const title = `Brass lamp ${crypto.randomBytes(3).toString('hex')}`;
    const id = await listing(title);
    const sellerId = (await api(keyOf(SELLER), 'GET', '/v1/members/me')).id;
    await api(adminKey, 'POST', '/v1/promotions', { name: 'Lamp week', conditions: [{ kind: 'sellers', ids: [sellerId] }, { kind: 'coupon_code', code: 'LAMP10' }], action: { kind: 'percent_off', percent: 10 } });
    const page = await pageAs(BUYER1);
    await page.goto(`${base()}/listings`);
    await page.getByLabel('Search').fill(title);
    await page.getByLabel('Search').press('Enter');
    await page.getByRole('link', { name: title }).first().click();
    await page.waitForURL(`**/listings/${id}`);
    await expectAccessible(page, 'listing');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.goto(`${base()}/cart`);
    await page.getByLabel('Promotion code').fill('LAMP10');
    await page.getByLabel('Promotion code').press('Enter');
    await page.getByText('Lamp week').first().waitFor();
    await expectAccessible(page, 'cart');
    await page.getByRole('button', { name: 'Pay with coins' }).click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    await page.getByText(title).first().waitFor();
    await page.getByText(/paid/i).first().waitFor();
    await expectAccessible(page, 'order');
    const orders = await api(keyOf(BUYER1), 'GET', '/v1/orders');
    expect(orders.items[0]).toMatchObject({ state: 'paid', subtotalMinor: 300, discountMinor: 30, totalMinor: 270 });
  });

  it('a seller hides a listing from a buyer, and the buyer no longer finds it', async () => {
    const title = `Oak stool ${crypto.randomBytes(3).toString('hex')}`;
    const id = await listing(title);
    const buyer = await pageAs(BUYER2);
    const search = async () => {
      await buyer.goto(`${base()}/listings`);
      await buyer.getByLabel('Search').fill(title);
      await buyer.getByLabel('Search').press('Enter');
    };
    await search();
    await buyer.getByRole('link', { name: title }).first().waitFor();
    await expectAccessible(buyer, 'listings');
    const seller = await pageAs(SELLER);
    await seller.goto(`${base()}/seller/listings/${id}`);
    await seller.getByRole('radio', { name: 'Hidden' }).check();
    await seller.getByRole('button', { name: 'Save audience' }).click();
    await seller.getByText(/saved/i).first().waitFor();
    await expectAccessible(seller, 'seller-listing');
    await search();
    await buyer.getByText(/no listings/i).first().waitFor();
    expect(await buyer.getByRole('link', { name: title }).count()).toBe(0);
    await buyer.goto(`${base()}/listings/${id}`);
    await buyer.getByText(/not available/i).first().waitFor();
  });

  it('an admin approves a member who registered on the site', async () => {
    const email = `newcomer-${crypto.randomBytes(3).toString('hex')}@example.com`;
    const context = await browser.newContext();
    contexts.push(context);
    const newcomer = await context.newPage();
    await newcomer.goto(`${base()}/register`);
    await newcomer.getByLabel('Name').fill('New Comer');
    await newcomer.getByLabel('Email').fill(email);
    await newcomer.getByLabel('Password').fill('a long enough password');
    await newcomer.getByRole('button', { name: 'Create account' }).click();
    await newcomer.getByText(/waiting for verification/i).waitFor();
    const admin = await pageAs('admin@trove.local', adminPassword());
    await admin.goto(`${base()}/admin/verification`);
    const row = admin.getByRole('row').filter({ hasText: email });
    await row.waitFor();
    await expectAccessible(admin, 'admin-verification');
    await row.getByLabel('Reason').fill('Checked the documents');
    await row.getByRole('button', { name: 'Approve' }).click();
    await admin.getByRole('row').filter({ hasText: email }).waitFor({ state: 'detached' });
    await newcomer.reload();
    await newcomer.getByText(/verified/i).first().waitFor();
  });

  it('a buyer spins the wheel, and the coupon it won appears among its coupons', async () => {
    const window = { validFrom: new Date(Date.now() - 60_000).toISOString(), validTo: new Date(Date.now() + 86_400_000).toISOString() };
    const campaign = await api(adminKey, 'POST', '/v1/coupon-campaigns', { name: 'Spin prize', value: { kind: 'fixed', amountMinor: 50 }, currency: 'COIN', limitTotal: 100, codeMode: 'unique', ...window });
    await api(adminKey, 'POST', `/v1/coupon-campaigns/${campaign.id}/codes`, { count: 100 });
    await api(adminKey, 'POST', '/v1/wheels', { name: 'Lucky wheel', weightMode: 'explicit', ...window, slices: [{ kind: 'coupon', label: 'Fifty off', campaignId: campaign.id, weight: 1 }] });
    const page = await pageAs(BUYER1);
    await page.goto(`${base()}/wheel`);
    await page.getByRole('button', { name: 'Spin' }).click();
    await page.getByText(/Fifty off/).last().waitFor();
    const coupons = await api(keyOf(BUYER1), 'GET', '/v1/coupons');
    const won = coupons.items.find((c: { campaignId: string }) => c.campaignId === campaign.id);
    expect(won).toBeTruthy();
    await page.getByText(won.code).first().waitFor();
    await expectAccessible(page, 'wheel');
  });

  it('a bid placed in one browser appears live in another', async () => {
    const id = await listing(`Signed print ${crypto.randomBytes(3).toString('hex')}`, { quantity: 1 });
    const auction = await api(keyOf(SELLER), 'POST', '/v1/auctions', { listingId: id, startPriceMinor: 100, endsAt: new Date(Date.now() + 3_600_000).toISOString() });
    await api(keyOf(BUYER1), 'POST', `/v1/auctions/${auction.id}/bids`, { maxMinor: 150 }); // buyer 1 leads at the start price
    const [watcher, bidder] = [await pageAs(BUYER1), await pageAs(BUYER2)];
    for (const p of [watcher, bidder]) await p.goto(`${base()}/auctions/${auction.id}`);
    const price = watcher.getByLabel('Current price');
    await price.waitFor();
    const before = await price.textContent();
    await bidder.getByLabel('Your maximum bid').fill('250');
    await bidder.getByRole('button', { name: 'Place bid' }).click();
    // The watcher's page changes without a reload: the bid came over Server-Sent Events.
    await watcher.waitForFunction((shown) => document.querySelector('[aria-label="Current price"]')?.textContent !== shown, before, { timeout: 10_000 });
    expect((await api(keyOf(BUYER1), 'GET', `/v1/auctions/${auction.id}`)).priceMinor).toBeGreaterThan(150);
    await watcher.getByRole('list', { name: 'Bids' }).getByRole('listitem').first().waitFor();
    await expectAccessible(watcher, 'auction');
  });
});

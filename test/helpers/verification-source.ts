import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** How far a callback's signed time may be from ours: Stripe's default tolerance. */
export const SIGNATURE_TOLERANCE_S = 300;

/**
 * Checks a `trove-signature` header (`t=<unix s>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`)
 * the way a source should: the HMAC is recomputed here, independently of the engine, compared in
 * constant time, and the time must be recent.
 */
export function signatureValid(secret: string, body: string, header: string | undefined, nowS = Math.floor(Date.now() / 1000)): boolean {
  if (!header) return false;
  const parts = new Map(header.split(',').map((p) => {
    const at = p.indexOf('=');
    return [p.slice(0, at).trim(), p.slice(at + 1).trim()] as const;
  }));
  const t = parts.get('t');
  const v1 = parts.get('v1');
  if (!t || !/^\d+$/.test(t) || !v1 || !/^[0-9a-f]{64}$/.test(v1)) return false;
  if (Math.abs(nowS - Number(t)) > SIGNATURE_TOLERANCE_S) return false;
  const expected = crypto.createHmac('sha256', secret).update(`${t}.${body}`).digest();
  return crypto.timingSafeEqual(expected, Buffer.from(v1, 'hex'));
}

/** One callback the source received. */
export interface Callback {
  body: string;
  json: Record<string, unknown>;
  contentType: string | undefined;
  /** Whether its signature checked out with the route's secret. */
  signed: boolean;
}

/** How the source answers a callback: a status and a JSON or raw body, or never (until closed). */
export type Answer = { status?: number; json?: unknown; raw?: string } | 'hang';
export type Responder = (call: Callback, index: number) => Answer | Promise<Answer>;

export interface SourceRoute {
  url: string;
  secret: string;
  calls: Callback[];
  respond: Responder;
}

/**
 * A game's source of events as a real HTTP server on 127.0.0.1: each route (one per game) has its
 * own secret, records the callbacks it gets, and answers with its `respond`. A callback whose
 * signature does not check out is answered 401, as a real source would.
 */
export async function startVerificationSource() {
  const routes = new Map<string, SourceRoute>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const route = routes.get(req.url ?? '');
        if (!route || req.method !== 'POST') return void res.writeHead(404).end();
        const body = Buffer.concat(chunks).toString('utf8');
        let json: Record<string, unknown> = {};
        try {
          json = JSON.parse(body) as Record<string, unknown>;
        } catch {
          // Recorded as is; the test asserts on it.
        }
        const signature = req.headers['trove-signature'];
        const call: Callback = { body, json, contentType: req.headers['content-type'], signed: signatureValid(route.secret, body, typeof signature === 'string' ? signature : undefined) };
        route.calls.push(call);
        if (!call.signed) return void res.writeHead(401).end();
        const answer = await route.respond(call, route.calls.length - 1);
        if (answer === 'hang') return;
        const text = answer.raw ?? JSON.stringify(answer.json ?? {});
        res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' }).end(text);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    /** A route of its own with a fresh secret; it confirms every callback until `respond` is replaced. */
    route(): SourceRoute {
      const path = `/verify/${crypto.randomUUID()}`;
      const route: SourceRoute = { url: `http://127.0.0.1:${port}${path}`, secret: crypto.randomBytes(24).toString('base64url'), calls: [], respond: () => ({ json: { confirmed: true } }) };
      routes.set(path, route);
      return route;
    },
    async close(): Promise<void> {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

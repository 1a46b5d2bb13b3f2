import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.js';

/** Where `npm start` builds the web app (web/, with Vite). */
export const WEB_DIST_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Paths that are the service's, never the web app's: an unknown one is a JSON 404. */
const SERVICE_PATHS = /^\/(v1|docs|openapi\.json|metrics|healthz|readyz)(\/|$|\?)/;

/**
 * The page's own rules: only this origin's scripts and styles (Vite emits no inline script), images
 * from anywhere over https (listing photos are URLs), no framing (clickjacking).
 */
const CSP = "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/**
 * Serves the built web app at / (public: it is only files; the API behind it decides what anyone
 * sees). Any other GET outside the service's paths answers the app's index.html, so a deep link
 * (/orders/...) loads the app, which routes it in the browser. Without a build, nothing is served.
 */
export async function serveWebApp(http: FastifyInstance, distDir = WEB_DIST_DIR): Promise<boolean> {
  const index = path.join(distDir, 'index.html');
  if (!fs.existsSync(index)) return false;
  await http.register(async (web) => {
    web.addHook('onRoute', (route) => {
      route.config = { ...(route.config as object), access: { public: true } };
    });
    web.addHook('onSend', async (_request, reply) => {
      void reply.header('x-content-type-options', 'nosniff');
      if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) void reply.header('content-security-policy', CSP).header('cache-control', 'no-cache');
    });
    await web.register(fastifyStatic, {
      root: distDir, wildcard: false, index: false,
      // File names under assets/ carry their content hash: they never change.
      setHeaders: (reply, file) => { if (file.includes(`${path.sep}assets${path.sep}`)) void reply.header('cache-control', 'public, max-age=31536000, immutable'); },
    });
    web.get('/*', { schema: { hide: true } }, async (request, reply) => {
      const pathname = request.url.split('?')[0]!;
      if (SERVICE_PATHS.test(request.url)) throw new AppError('ROUTE_NOT_FOUND', `No route GET ${pathname}.`);
      // A file built after the start (a rebuild while running): served from disk, or a 404, never the page.
      if (pathname.startsWith('/assets/')) return reply.sendFile(decodeURIComponent(pathname.slice(1)));
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    });
    web.get('/', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').sendFile('index.html'));
  });
  return true;
}

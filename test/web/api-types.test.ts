import fs from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

/**
 * The web app's API types are generated from the service's OpenAPI document (openapi-typescript),
 * never written by hand: this test fails when they fall behind the routes.
 * `npm run api:types` writes them again (this test, with UPDATE_API_TYPES=1).
 */
const TYPES_FILE = new URL('../../web/src/api/schema.d.ts', import.meta.url);

describe('the web app\'s API types', () => {
  let t: TestApp;
  beforeAll(async () => {
    // With the sandbox card provider, so its route (the web app's test card) is in the document.
    t = await createTestApp({ paymentsSandbox: true });
  });
  afterAll(() => t.close());

  it('are what openapi-typescript generates from the OpenAPI document now', async () => {
    const document = (await t.call(null, { method: 'GET', url: '/openapi.json' })).json();
    const generated = `// Generated from the service's OpenAPI document by openapi-typescript: do not edit (npm run api:types).\n${astToString(await openapiTS(document))}`;
    if (process.env.UPDATE_API_TYPES === '1') fs.writeFileSync(TYPES_FILE, generated);
    const committed = fs.existsSync(TYPES_FILE) ? fs.readFileSync(TYPES_FILE, 'utf8') : '';
    expect(committed === generated, 'web/src/api/schema.d.ts is out of date: run npm run api:types').toBe(true);
  });
});

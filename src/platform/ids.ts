import crypto from 'node:crypto';

/**
 * A uuid derived from a name (SHA-256, shaped as a version-4-style uuid): the same name always
 * gives the same id, so work derived from another id (the coin transfer of a spin, the seed's
 * transfers) is idempotent across retries.
 */
export function derivedUuid(name: string): string {
  const h = crypto.createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

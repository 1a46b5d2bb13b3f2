import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdTable } from '../../src/modules/promotions/id-table.js';

// Few distinct ids and a small start, so that probes collide, the table grows, and deletions shift entries back.
const key = fc.tuple(fc.nat(2), fc.oneof(fc.constantFrom('', 'a', 'b', 's1', 's2', 'pr10'), fc.string({ maxLength: 4, unit: 'binary' })));
const op = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key, value: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), key }),
  fc.record({ kind: fc.constant('getMany' as const), keys: fc.array(key, { maxLength: 12 }) }),
);

describe('the index\'s id table', () => {
  it('answers as a Map of (dimension, id) does, through sets, deletions, growth and batched lookups', () => {
    fc.assert(fc.property(fc.nat(16), fc.array(op, { maxLength: 200 }), (capacity, ops) => {
      const table = new IdTable<number>(capacity);
      const model = new Map<string, number>();
      const name = ([dim, id]: [number, string]) => `${dim}/${id}`;
      for (const o of ops) {
        if (o.kind === 'set') {
          table.set(o.key[0], o.key[1], o.value);
          model.set(name(o.key), o.value);
        } else if (o.kind === 'delete') {
          expect(table.delete(o.key[0], o.key[1])).toBe(model.delete(name(o.key)));
        } else {
          const out: (number | undefined)[] = [];
          table.getMany(o.keys.map((k) => k[0]), o.keys.map((k) => k[1]), o.keys.length, out);
          expect(out).toEqual(o.keys.map((k) => model.get(name(k))));
        }
        expect(table.size).toBe(model.size);
      }
      for (const [k, v] of model) {
        const [dim, ...rest] = k.split('/');
        expect(table.get(Number(dim), rest.join('/'))).toBe(v);
      }
      for (const dim of [0, 1, 2]) {
        const expected = [...model].filter(([k]) => k.startsWith(`${dim}/`)).map(([, v]) => v);
        expect([...table.values(dim)].sort()).toEqual(expected.sort());
      }
    }), { numRuns: 1_000 });
  });
});

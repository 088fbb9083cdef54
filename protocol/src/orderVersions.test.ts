import fc from 'fast-check';
import { OrderVersions } from './orderVersions';

describe('OrderVersions', () => {
  it('accepts the first copy of an order and every newer one', () => {
    const v = new OrderVersions();
    expect(v.accept({ id: 'a', version: 1 })).toBe(true);
    expect(v.accept({ id: 'a', version: 3 })).toBe(true);
    expect(v.get('a')).toBe(3);
  });

  it('refuses a repeat and an older copy, keeping the newest version', () => {
    const v = new OrderVersions();
    v.accept({ id: 'a', version: 4 });
    expect(v.accept({ id: 'a', version: 4 })).toBe(false);
    expect(v.accept({ id: 'a', version: 2 })).toBe(false);
    expect(v.get('a')).toBe(4);
  });

  it('keeps orders apart', () => {
    const v = new OrderVersions();
    v.accept({ id: 'a', version: 9 });
    expect(v.accept({ id: 'b', version: 1 })).toBe(true);
  });

  it('forgets the least recently changed order first when full, not one that just changed', () => {
    const v = new OrderVersions(2);
    v.accept({ id: 'a', version: 1 });
    v.accept({ id: 'b', version: 1 });
    v.accept({ id: 'a', version: 2 }); // a changed last: b is now the oldest
    v.accept({ id: 'c', version: 1 });
    expect(v.get('b')).toBeUndefined();
    expect(v.get('a')).toBe(2);
    expect(v.get('c')).toBe(1);
  });

  it('starts afresh after clear()', () => {
    const v = new OrderVersions();
    v.accept({ id: 'a', version: 5 });
    v.clear();
    expect(v.accept({ id: 'a', version: 1 })).toBe(true);
  });

  it('ends on each order’s newest version, whatever the order and repeats of the copies', () => {
    const copies = fc.array(fc.record({ id: fc.constantFrom('a', 'b', 'c'), version: fc.integer({ min: 1, max: 20 }) }), { maxLength: 60 });
    fc.assert(
      fc.property(copies, (list) => {
        const v = new OrderVersions();
        const applied = new Map<string, number>();
        for (const copy of list) {
          if (!v.accept(copy)) continue;
          // Each order moves only forward.
          expect(copy.version).toBeGreaterThan(applied.get(copy.id) ?? 0);
          applied.set(copy.id, copy.version);
        }
        for (const id of ['a', 'b', 'c']) {
          const newest = Math.max(...list.filter((c) => c.id === id).map((c) => c.version));
          expect(applied.get(id)).toBe(Number.isFinite(newest) ? newest : undefined);
        }
      }),
    );
  });
});

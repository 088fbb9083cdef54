import { tableCandidates } from './tableChoice';

const t = (id: string, seats: number, joinGroup: string | null = null) => ({ id, seats, joinGroup });

it('offers single tables that fit, smallest first, before any combination', () => {
  const tables = [t('six', 6), t('two', 2), t('four', 4, 'g'), t('four2', 4, 'g'), t('eight', 8)];
  expect(tableCandidates(tables, 3)).toEqual([['four'], ['four2'], ['six'], ['eight']]);
  expect(tableCandidates(tables, 7)).toEqual([['eight'], ['four', 'four2']]);
});

it('joins only tables of one group, fewest spare seats first, never with a table to spare', () => {
  const tables = [t('a', 2, 'g'), t('b', 4, 'g'), t('c', 4, 'g'), t('d', 6, 'h'), t('e', 2)];
  // 5: a+b (6 seats), a+c, then b+c (8); a+b+c has a table to spare; d alone fits first.
  expect(tableCandidates(tables, 5)).toEqual([['d'], ['a', 'b'], ['a', 'c'], ['b', 'c']]);
  expect(tableCandidates(tables, 10)).toEqual([['a', 'b', 'c']]);
  expect(tableCandidates(tables, 11)).toEqual([]);
});

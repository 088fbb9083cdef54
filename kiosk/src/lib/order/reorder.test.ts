import type { Dish, ModifierGroup } from '@dinewire/protocol';
import { dish, orderItem } from '@dinewire/ui/testing';
import { reorderOf } from './reorder';

const size: ModifierGroup = {
  id: 'size',
  name: 'Size',
  required: true,
  minChoices: 1,
  maxChoices: 1,
  options: [
    { id: 'regular', name: 'Regular', priceDeltaCents: 0 },
    { id: 'large', name: 'Large', priceDeltaCents: 1500 },
  ],
};
const mod = (id: string) => ({ id, name: id, names: { en: id, 'zh-Hant': id, 'zh-Hans': id }, priceDeltaCents: 0 });
const menuOf = (...dishes: Dish[]) => new Map(dishes.map((d) => [d.id, d]));

describe('ordering the same again', () => {
  it('puts back each dish with its options, quantity and note', () => {
    const goose = dish('goose', { modifiers: [size] });
    const items = [
      orderItem('a', { dishId: 'goose', quantity: 3, modifiers: [mod('large')], note: 'no skin' }),
      orderItem('b', { dishId: 'tea', quantity: 1 }),
    ];
    const result = reorderOf(items, menuOf(goose, dish('tea')));
    expect(result.lines).toEqual([
      { dishId: 'goose', quantity: 3, modifierIds: ['large'], note: 'no skin' },
      { dishId: 'tea', quantity: 1, modifierIds: [], note: '' },
    ]);
    expect(result.leftOut).toEqual([]);
  });

  it('leaves out what is sold out or no longer on the menu, saying which and why', () => {
    const items = [
      orderItem('a', { dishId: 'gone', name: 'Gone Dish' }),
      orderItem('b', { dishId: 'out', name: 'Sold Out Dish' }),
      orderItem('c', { dishId: 'resized', name: 'Resized', modifiers: [mod('huge')] }),
      orderItem('d', { dishId: 'newly-required', name: 'Needs a size now' }),
      orderItem('e', { dishId: 'tea', quantity: 2 }),
    ];
    const dishes = menuOf(
      dish('out', { available: false }),
      dish('resized', { modifiers: [size] }),
      dish('newly-required', { modifiers: [size] }),
      dish('tea', { remaining: 0 }),
    );
    const result = reorderOf(items, dishes);
    expect(result.lines).toEqual([]);
    expect(result.leftOut.map((l) => [l.name, l.reason])).toEqual([
      ['Gone Dish', 'offMenu'],
      ['Sold Out Dish', 'soldOut'],
      ['Resized', 'offMenu'],
      ['Needs a size now', 'offMenu'],
      ['Har Gow', 'soldOut'],
    ]);
  });
});

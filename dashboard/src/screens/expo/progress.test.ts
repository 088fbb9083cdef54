import type { Order } from '@dinewire/protocol';
import { handOffKind, linesWaiting, stationProgress } from './progress';

const item = (stationId: string | null, status: Order['items'][number]['status']) => ({ stationId, status }) as Order['items'][number];
const stations = [
  { id: 'wok', name: 'Wok' },
  { id: 'grill', name: 'Grill' },
];

describe('expo progress', () => {
  it('counts each station’s lines done of total, in the restaurant’s order, without cancelled lines', () => {
    const order = {
      items: [
        item('grill', 'ready'),
        item('wok', 'cooking'),
        item(null, 'queued'),
        item('wok', 'served'),
        item('grill', 'cancelled'),
        item('wok', 'ready'),
      ],
    };
    expect(stationProgress(order, stations, 'Other')).toEqual([
      { stationId: 'wok', name: 'Wok', done: 2, total: 3 },
      { stationId: 'grill', name: 'Grill', done: 1, total: 1 },
      { stationId: null, name: 'Other', done: 0, total: 1 },
    ]);
    expect(linesWaiting(order)).toBe(2);
  });

  it('hands a table’s order over as served, a room’s as sent up, anything else as picked up', () => {
    expect(handOffKind({ tableId: 't1', channel: 'staff' })).toBe('served');
    expect(handOffKind({ tableId: null, channel: 'room' })).toBe('room');
    expect(handOffKind({ tableId: null, channel: 'kiosk' })).toBe('pickup');
    expect(handOffKind({ tableId: null, channel: 'web' })).toBe('pickup');
  });
});

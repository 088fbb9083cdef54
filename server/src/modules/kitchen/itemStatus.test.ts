import { deriveOrderStatus, stepFrom } from './itemStatus';

describe('item steps', () => {
  it('bumps queued → cooking → ready → served and recalls back, with no step past either end', () => {
    expect(stepFrom('queued', 'bump')).toBe('cooking');
    expect(stepFrom('cooking', 'bump')).toBe('ready');
    expect(stepFrom('ready', 'bump')).toBe('served');
    expect(stepFrom('served', 'bump')).toBeNull();
    expect(stepFrom('served', 'recall')).toBe('ready');
    expect(stepFrom('queued', 'recall')).toBeNull();
    expect(stepFrom('cancelled', 'bump')).toBeNull();
    expect(stepFrom('cancelled', 'recall')).toBeNull();
  });
});

describe('order status from item statuses', () => {
  it.each([
    [['queued', 'queued'], 'placed'],
    [['queued', 'cooking'], 'preparing'],
    [['ready', 'queued'], 'preparing'],
    [['ready', 'served'], 'ready'],
    [['ready', 'ready'], 'ready'],
    [['served', 'served'], 'completed'],
    [['served', 'cancelled'], 'completed'],
    [['queued', 'cancelled'], 'placed'],
    [['cancelled', 'cancelled'], 'cancelled'],
    [[], 'cancelled'],
  ] as const)('%j → %s', (statuses, status) => {
    expect(deriveOrderStatus([...statuses])).toBe(status);
  });
});

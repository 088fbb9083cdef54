import { TEST_BOOKING_POLICY } from '../../test/factories';
import { ruleSlots } from './bookingRules';
import { localDate, zonedInstant } from './localTime';

it('finds the instant a wall-clock time names, across a DST change', () => {
  expect(zonedInstant('2030-01-10', 19 * 60, 'Asia/Hong_Kong').toISOString()).toBe('2030-01-10T11:00:00.000Z');
  // London: GMT in winter, BST (UTC+1) from the last Sunday of March (2030-03-31, 01:00 UTC).
  expect(zonedInstant('2030-03-30', 19 * 60, 'Europe/London').toISOString()).toBe('2030-03-30T19:00:00.000Z');
  expect(zonedInstant('2030-03-31', 19 * 60, 'Europe/London').toISOString()).toBe('2030-03-31T18:00:00.000Z');
  expect(zonedInstant('2030-03-31', 0, 'Europe/London').toISOString()).toBe('2030-03-31T00:00:00.000Z');
  expect(zonedInstant('2030-01-10', 24 * 60 + 30, 'America/New_York').toISOString()).toBe('2030-01-11T05:30:00.000Z');
  expect(localDate(new Date('2030-01-10T16:30:00Z'), 'Asia/Hong_Kong')).toBe('2030-01-11');
  expect(localDate(new Date('2030-01-10T16:30:00Z'), 'Europe/London')).toBe('2030-01-10');
});

it('runs slots past midnight when closing is at or before opening', () => {
  const slots = ruleSlots(
    {
      policy: { ...TEST_BOOKING_POLICY, slotMinutes: 60, stayMinutes: 120 },
      openingHours: [{ day: new Date('2030-01-10T00:00:00Z').getUTCDay(), opens: '22:00', closes: '02:00' }],
      timeZone: 'Asia/Hong_Kong',
    },
    '2030-01-10',
    2,
    new Date('2030-01-01T00:00:00Z'),
  );
  expect(slots.map((s) => s.startsAt.toISOString())).toEqual([
    '2030-01-10T14:00:00.000Z',
    '2030-01-10T15:00:00.000Z',
    '2030-01-10T16:00:00.000Z',
  ]);
});

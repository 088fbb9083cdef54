import crypto from 'node:crypto';
import { Locales } from '@dinewire/protocol';
import { presentEventData } from '../events/eventPresenter';
import { render } from '../notifications/templates';
import { estimateWaits } from './waitEstimate';
import { sealEntry } from './waitlistSecrets';

/** The waitlist's pure parts: the wait estimate, the offer message, the event's presentation. */

const NOW = new Date('2026-12-02T12:00:00Z');
const min = (n: number) => new Date(NOW.getTime() + n * 60_000);

describe('estimateWaits', () => {
  const tables = [
    { id: 'a', seats: 2, joinGroup: 'g' },
    { id: 'b', seats: 2, joinGroup: 'g' },
    { id: 'c', seats: 6, joinGroup: null },
  ];
  it('is 0 with a fitting table free for the whole stay now', () => {
    expect(estimateWaits(tables, [], [{ partySize: 2, stayMinutes: 90 }], NOW)).toEqual([0]);
  });
  it('waits for the first fitting table whose hold ends, and skips a gap too short for the stay', () => {
    const holds = [
      { tableId: 'a', from: min(-30), to: min(20) },
      { tableId: 'a', from: min(60), to: min(150) }, // 20–60 is too short for 90 minutes
      { tableId: 'b', from: min(-10), to: min(40) },
      { tableId: 'c', from: min(-60), to: min(200) },
    ];
    expect(estimateWaits(tables, holds, [{ partySize: 2, stayMinutes: 90 }], NOW)).toEqual([40]);
  });
  it('lets the parties ahead take their tables first', () => {
    const holds = [
      { tableId: 'a', from: min(-30), to: min(10) },
      { tableId: 'b', from: min(-30), to: min(10) },
      { tableId: 'c', from: min(-30), to: min(30) },
    ];
    const line = [
      { partySize: 2, stayMinutes: 60 }, // a at 10
      { partySize: 2, stayMinutes: 60 }, // b at 10
      { partySize: 4, stayMinutes: 60 }, // a+b after both (70) or c at 30: c
      { partySize: 4, stayMinutes: 60 }, // a+b at 70, c at 90: a+b
    ];
    expect(estimateWaits(tables, holds, line, NOW)).toEqual([10, 10, 30, 70]);
  });
  it('is null when no table can seat the party', () => {
    expect(estimateWaits(tables, [], [{ partySize: 12, stayMinutes: 90 }], NOW)).toEqual([null]);
  });
});

describe('the offer message', () => {
  it('is written in each of the three languages, with the time and the deadline', () => {
    const texts = Locales.map((lang) =>
      render('waitlist.offered', {
        lang,
        name: 'Chan',
        restaurant: 'Jade',
        partySize: 4,
        date: '2026-12-05',
        startsAt: '19:30',
        expiresAt: '18:45',
        minutes: 15,
      }),
    );
    for (const t of texts) for (const part of ['Chan', 'Jade', '19:30', '18:45', '15']) expect(`${t.subject}\n${t.text}`).toContain(part);
    expect(new Set(texts.map((t) => t.text)).size).toBe(3);
    expect(texts[1].text).toContain('餐桌');
    expect(texts[2].text).toContain('张');
  });
});

describe('waitlist.updated events', () => {
  it('are stored sealed and shown, with the contact, to the staff scope only', () => {
    const piiKey = crypto.randomBytes(32);
    const entry = {
      id: 'w1',
      restaurantId: 'r1',
      status: 'waiting' as const,
      partySize: 2,
      date: '2026-12-05',
      from: null,
      to: null,
      position: 1,
      offer: null,
      estimatedWaitMinutes: null,
      reservationId: null,
      createdAt: NOW.toISOString(),
      version: 1,
      guest: { name: 'Chan Tai Man', phone: '+852 9123 4567', email: 'tai.man@example.com' },
      notes: null,
    };
    const stored = sealEntry(piiKey, entry);
    expect(JSON.stringify(stored)).not.toContain('tai.man');
    expect(presentEventData(piiKey, 'waitlist.updated', stored, 'staff')).toEqual(entry);
    for (const audience of ['kitchen', 'board', 'owner', null] as const) {
      expect(presentEventData(piiKey, 'waitlist.updated', stored, audience)).toBeNull();
    }
  });
});

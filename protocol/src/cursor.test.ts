import fc from 'fast-check';
import { SubscriptionCursor } from './cursor';
import type { DinewireEvent, EventsPage } from './events';

/** An event of one audience: `prevSeq` is the previous seq this audience was sent. */
function ev(seq: number, prevSeq = seq - 1): DinewireEvent {
  return {
    seq,
    prevSeq,
    restaurantId: 'r1',
    type: 'order.updated',
    at: '2026-01-01T00:00:00.000Z',
    data: { id: `o${seq}`, number: seq, status: 'placed', version: 1 },
  };
}

function page(events: DinewireEvent[], latestSeq: number, extra: Partial<EventsPage> = {}): EventsPage {
  return { events, latestSeq, ...extra };
}

function collect() {
  const seqs: number[] = [];
  return { seqs, deliver: (e: DinewireEvent) => void seqs.push(e.seq) };
}

describe('SubscriptionCursor: a live event', () => {
  it('applies the next event and moves to it', () => {
    const c = new SubscriptionCursor(10);
    expect(c.receive(ev(11))).toBe('apply');
    expect(c.position).toBe(11);
    expect(c.pending).toEqual([]);
  });

  it('applies an event whose seq jumps over other audiences’ events (prevSeq at or below the cursor)', () => {
    const c = new SubscriptionCursor(10);
    expect(c.receive(ev(15, 8))).toBe('apply');
    expect(c.position).toBe(15);
  });

  it('drops a duplicate or an event a catch-up already delivered', () => {
    const c = new SubscriptionCursor(10);
    expect(c.receive(ev(10))).toBe('duplicate');
    expect(c.receive(ev(7))).toBe('duplicate');
    expect(c.position).toBe(10);
    expect(c.pending).toEqual([]);
  });

  it('reports a gap when something before it is missing, and keeps it waiting', () => {
    const c = new SubscriptionCursor(10);
    expect(c.receive(ev(13, 12))).toBe('gap');
    expect(c.position).toBe(10);
    expect(c.pending.map((e) => e.seq)).toEqual([13]);
  });

  it('holds events while a catch-up runs, and before the start is known', () => {
    const running = new SubscriptionCursor(10);
    running.catchingUp = true;
    expect(running.receive(ev(11))).toBe('held');
    expect(running.position).toBe(10);

    const unstarted = new SubscriptionCursor();
    expect(unstarted.position).toBe(-1);
    expect(unstarted.receive(ev(3))).toBe('held');
    expect(unstarted.pending.map((e) => e.seq)).toEqual([3]);
  });
});

describe('SubscriptionCursor: subscribe and sync', () => {
  it('starts at the server’s seq when the screen gave no cursor, then drains what came after it', () => {
    const c = new SubscriptionCursor();
    c.receive(ev(5));
    c.receive(ev(7));
    c.receive(ev(6));
    expect(c.subscribed(5)).toBe('start');
    expect(c.position).toBe(5);
    const got = collect();
    expect(c.drain(got.deliver)).toBe(false);
    expect(got.seqs).toEqual([6, 7]);
    expect(c.position).toBe(7);
  });

  it('asks for a catch-up when the server is past the screen’s cursor, and for nothing when it is not', () => {
    expect(new SubscriptionCursor(10).subscribed(12)).toBe('catch_up');
    expect(new SubscriptionCursor(10).subscribed(10)).toBe('current');
    expect(new SubscriptionCursor(0).subscribed(0)).toBe('current');
  });

  it('is behind a sync only once started and only when the sync is ahead', () => {
    expect(new SubscriptionCursor().isBehind(50)).toBe(false);
    expect(new SubscriptionCursor(10).isBehind(10)).toBe(false);
    expect(new SubscriptionCursor(10).isBehind(9)).toBe(false);
    expect(new SubscriptionCursor(10).isBehind(11)).toBe(true);
  });

  it('asks for events after 0 while the start is unknown', () => {
    expect(new SubscriptionCursor().after).toBe(0);
    expect(new SubscriptionCursor(42).after).toBe(42);
  });
});

describe('SubscriptionCursor: draining what waited', () => {
  it('delivers in seq order with the cursor already on each event', () => {
    const c = new SubscriptionCursor(10);
    c.catchingUp = true;
    for (const seq of [13, 11, 12]) c.receive(ev(seq));
    c.catchingUp = false;
    const seen: Array<[number, number]> = [];
    expect(c.drain((e) => seen.push([e.seq, c.position]))).toBe(false);
    expect(seen).toEqual([
      [11, 11],
      [12, 12],
      [13, 13],
    ]);
    expect(c.pending).toEqual([]);
  });

  it('stops at a hole and keeps the rest, without duplicates, for the next catch-up', () => {
    const c = new SubscriptionCursor(10);
    c.catchingUp = true;
    for (const seq of [11, 14, 15, 14, 9]) c.receive(ev(seq));
    c.catchingUp = false;
    const got = collect();
    expect(c.drain(got.deliver)).toBe(true);
    expect(got.seqs).toEqual([11]);
    expect(c.position).toBe(11);
    expect(c.pending.map((e) => e.seq)).toEqual([14, 15]);
  });
});

describe('SubscriptionCursor: a catch-up page', () => {
  it('delivers only what follows the cursor and moves to latestSeq', () => {
    const c = new SubscriptionCursor(10);
    const got = collect();
    expect(c.applyPage(page([ev(9), ev(10), ev(11), ev(14, 11)], 20), got.deliver)).toBe('done');
    expect(got.seqs).toEqual([11, 14]);
    // 15..20 were other audiences' events: nothing to wait for.
    expect(c.position).toBe(20);
  });

  it('says when more pages follow', () => {
    const c = new SubscriptionCursor(0);
    const got = collect();
    expect(c.applyPage(page([ev(1), ev(2)], 2, { hasMore: true }), got.deliver)).toBe('more');
    expect(c.after).toBe(2);
    expect(c.applyPage(page([ev(3)], 3), got.deliver)).toBe('done');
    expect(got.seqs).toEqual([1, 2, 3]);
  });

  it('on reset jumps to latestSeq, delivers nothing and forgets what waited (the screen reloads)', () => {
    const c = new SubscriptionCursor(10);
    c.receive(ev(30, 29));
    const got = collect();
    expect(c.applyPage(page([ev(11)], 40, { reset: true }), got.deliver)).toBe('reset');
    expect(got.seqs).toEqual([]);
    expect(c.position).toBe(40);
    expect(c.pending).toEqual([]);
  });
});

/**
 * The promise of REALTIME.md, on the cursor alone: whatever the live channel drops, repeats or
 * reorders, and wherever catch-ups answer, a client that follows the cursor's answers (and a
 * last sync) delivers every event of its audience after its start, once each, in seq order.
 */
describe('SubscriptionCursor: exactly once, in order', () => {
  const scenario = fc.record({
    // Which of the restaurant's changes this audience sees.
    visible: fc.array(fc.boolean(), { minLength: 1, maxLength: 40 }),
    // The live channel: positions into the audience's events (drops, repeats, reorders).
    live: fc.array(fc.nat(), { maxLength: 60 }),
    start: fc.nat(),
    pageSize: fc.integer({ min: 1, max: 5 }),
    // How many live events arrive while each catch-up is in flight.
    inFlight: fc.array(fc.nat({ max: 3 }), { maxLength: 20 }),
  });

  it('delivers the log after the start, once each and in order', () => {
    fc.assert(
      fc.property(scenario, ({ visible, live, start, pageSize, inFlight }) => {
        const log: DinewireEvent[] = [];
        let prev = 0;
        visible.forEach((sees, i) => {
          if (!sees) return;
          log.push(ev(i + 1, prev));
          prev = i + 1;
        });
        const latest = visible.length;
        const from = start % (latest + 1);
        const arrivals = log.length ? live.map((k) => log[k % log.length]!) : [];

        const c = new SubscriptionCursor(from);
        const got = collect();
        let committed = 0; // what the server has committed (and would answer) so far
        let flights = 0;

        const catchUp = (next: () => void) => {
          // The answer is fixed when the request is made; live events may arrive meanwhile.
          const answerUpTo = committed;
          c.catchingUp = true;
          for (let k = inFlight[flights++ % Math.max(1, inFlight.length)] ?? 0; k > 0; k--) next();
          for (;;) {
            const events = log.filter((e) => e.seq > c.after && e.seq <= answerUpTo).slice(0, pageSize);
            const more = log.some((e) => e.seq > (events.at(-1)?.seq ?? c.after) && e.seq <= answerUpTo);
            const latestSeq = more ? events.at(-1)!.seq : answerUpTo;
            if (c.applyPage(page(events, Math.max(latestSeq, c.after), { hasMore: more }), got.deliver) === 'done') break;
          }
          c.catchingUp = false;
          if (c.drain(got.deliver)) catchUp(next);
        };

        let i = 0;
        const next = (): void => {
          const e = arrivals[i++];
          if (!e) return;
          committed = Math.max(committed, e.seq);
          const arrival = c.receive(e);
          if (arrival === 'apply') got.deliver(e);
          else if (arrival === 'gap') catchUp(next);
        };
        while (i < arrivals.length) next();

        // The last sync: everything is committed now.
        committed = latest;
        if (c.isBehind(latest)) catchUp(next);

        expect(got.seqs).toEqual(log.filter((e) => e.seq > from).map((e) => e.seq));
        expect(c.position).toBe(Math.max(from, latest));
      }),
      { numRuns: 500 },
    );
  });
});

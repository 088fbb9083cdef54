import type { TicketAges, TicketAgesUpdate } from '@dinewire/protocol';
import { ApiError } from '@dinewire/ui/api';
import { TicketAgesForm, type AgesHolder } from './ticket-ages-form.svelte';

class Rail implements AgesHolder {
  ages: TicketAges = { amberMinutes: 5, redMinutes: 8 };
  agesRevision = 0;
  hear(ages: TicketAges): void {
    this.ages = ages;
    this.agesRevision++;
  }
  acceptAges(ages: TicketAges, revision: number): void {
    if (revision === this.agesRevision) this.hear(ages);
  }
}

function setup(reply: (body: TicketAgesUpdate) => Promise<TicketAges>) {
  const rail = new Rail();
  const sent: TicketAgesUpdate[] = [];
  const form = new TicketAgesForm({
    restaurantId: 'r1',
    rail,
    api: { setTicketAges: (_id, body) => (sent.push(body), reply(body)) },
  });
  return { rail, sent, form };
}

const invalid = (field: string, message: string) => new ApiError(400, 'validation', `${field}: ${message}`, [{ field, message }]);

describe('ticket colours form', () => {
  it('opens with the screen’s thresholds, sends only what changed, and shows the answer at once', async () => {
    const { rail, sent, form } = setup((body) => Promise.resolve({ amberMinutes: 5, redMinutes: 8, ...body }));
    form.open();
    expect([form.isOpen, form.amber, form.red]).toEqual([true, '5', '8']);
    form.red = ' 12 ';
    expect(await form.save()).toBe(true);
    expect(sent).toEqual([{ redMinutes: 12 }]);
    expect(rail.ages).toEqual({ amberMinutes: 5, redMinutes: 12 });
    expect(form.isOpen).toBe(false);
  });

  it('closes without a call when nothing changed, and cancel forgets the errors', async () => {
    const { sent, form } = setup(() => Promise.reject(invalid('amberMinutes', 'must be less than redMinutes (8)')));
    form.open();
    expect(await form.save()).toBe(true);
    expect(sent).toEqual([]);
    form.open();
    form.amber = '9';
    expect(await form.save()).toBe(false);
    expect(form.errors.amberMinutes).toBeDefined();
    form.cancel();
    expect(form.isOpen).toBe(false);
    form.open();
    expect(form.errors).toEqual({});
    expect(form.amber).toBe('5');
  });

  it('puts the server’s refusal beside the field it names: the order of the two, or the field’s bounds', async () => {
    let answer: ApiError = invalid('amberMinutes', 'must be less than redMinutes');
    const { form, rail } = setup(() => Promise.reject(answer));
    form.open();
    form.amber = '9';
    form.red = '9';
    expect(await form.save()).toBe(false);
    expect(form.errors).toEqual({ amberMinutes: { key: 'kitchen.ages.error.order.amberMinutes', params: { red: 9 } } });
    expect(form.isOpen).toBe(true);
    expect(rail.ages).toEqual({ amberMinutes: 5, redMinutes: 8 });

    answer = invalid('redMinutes', 'must be more than amberMinutes (5)');
    form.amber = '5';
    form.red = '4';
    await form.save();
    expect(form.errors).toEqual({ redMinutes: { key: 'kitchen.ages.error.order.redMinutes', params: { amber: 5 } } });

    // Not digits: sent as typed, for the server to refuse by name.
    answer = invalid('redMinutes', 'Expected number, received string');
    form.red = 'ten';
    await form.save();
    expect(form.errors).toEqual({ redMinutes: { key: 'kitchen.ages.error.range.redMinutes', params: { min: 2, max: 480 } } });

    answer = invalid('amberMinutes', 'Number must be greater than or equal to 1');
    form.amber = '0';
    form.red = '8';
    await form.save();
    expect(form.errors).toEqual({ amberMinutes: { key: 'kitchen.ages.error.range.amberMinutes', params: { min: 1, max: 240 } } });
    expect(form.formError).toBeNull();
  });

  it('says a refusal that names no field of its own for the whole form', async () => {
    const { form } = setup(() => Promise.reject(new ApiError(403, 'forbidden', 'You may not do that.')));
    form.open();
    form.amber = '4';
    expect(await form.save()).toBe(false);
    expect(form.errors).toEqual({});
    expect(form.formError).toEqual({ key: 'error.forbidden' });
  });

  it('leaves a change heard while saving in place of its own older answer', async () => {
    let release: (ages: TicketAges) => void = () => undefined;
    const { form, rail } = setup(() => new Promise((resolve) => (release = resolve)));
    form.open();
    form.amber = '3';
    const saving = form.save();
    expect(form.saving).toBe(true);
    rail.hear({ amberMinutes: 4, redMinutes: 20 }); // another manager's later change, heard first
    release({ amberMinutes: 3, redMinutes: 8 });
    expect(await saving).toBe(true);
    expect(rail.ages).toEqual({ amberMinutes: 4, redMinutes: 20 });
  });
});

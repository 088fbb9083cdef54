import type { Sequelize } from 'sequelize';
import { models } from '../../models';
import { eventually, silentLogger, testConfig, testSequelize } from '../../test/harness';
import type { Notifier, OutgoingMessage } from './notifier';
import { deliverMessages, enqueueMessage } from './outbox';

/** A mail server that is down for the first `failures` sends, and slow (so concurrent runs overlap). */
class FlakyNotifier implements Notifier {
  readonly sent: OutgoingMessage[] = [];
  constructor(private failures: number) {}

  async send(message: OutgoingMessage): Promise<void> {
    await new Promise((r) => setTimeout(r, 20));
    if (this.failures-- > 0) throw new Error('mail server unreachable');
    this.sent.push(message);
  }
}

describe('outbox', () => {
  let sequelize: Sequelize;
  beforeAll(() => {
    sequelize = testSequelize();
  });
  afterAll(() => sequelize.close());
  const services = (notifier: Notifier) => ({ sequelize, config: testConfig(), logger: silentLogger, notifier });

  it('keeps a message whose send failed and sends it, once, on a later run', async () => {
    const notifier = new FlakyNotifier(1);
    const s = services(notifier);
    const to = `outbox-${Date.now()}@test.example`;
    const id = await sequelize.transaction((t) => enqueueMessage(s, t, { to, template: 'registration.exists', payload: { name: 'Mo' } }));
    // The send after commit failed: still there, one attempt counted.
    const { OutboxMessage } = models(sequelize);
    await eventually(async () => expect(await OutboxMessage.findByPk(id)).toMatchObject({ sentAt: null, attempts: 1 }));
    expect(notifier.sent).toEqual([]);

    // Two nodes' retry runs at once: SKIP LOCKED gives the message to one of them.
    const runs = await Promise.all([deliverMessages(s, { ids: [id] }), deliverMessages(s, { ids: [id] })]);
    expect(runs.sort()).toEqual([0, 1]);
    expect(notifier.sent.map((m) => ({ id: m.id, to: m.to }))).toEqual([{ id, to }]);
    expect(notifier.sent[0].text).toContain('You already have an account');
    expect((await OutboxMessage.findByPk(id))!.sentAt).toBeInstanceOf(Date);
    expect(await deliverMessages(s, { ids: [id] })).toBe(0);
  });

  it('writes nothing when the transaction that caused the message rolls back', async () => {
    const notifier = new FlakyNotifier(0);
    const s = services(notifier);
    let id = '';
    await expect(
      sequelize.transaction(async (t) => {
        id = await enqueueMessage(s, t, {
          to: 'nobody@test.example',
          template: 'registration.code',
          payload: { code: 'rg_x', minutes: 60 },
        });
        throw new Error('the sign-up failed');
      }),
    ).rejects.toThrow('the sign-up failed');
    expect(await models(sequelize).OutboxMessage.findByPk(id)).toBeNull();
    await new Promise((r) => setTimeout(r, 100));
    expect(notifier.sent).toEqual([]);
  });
});

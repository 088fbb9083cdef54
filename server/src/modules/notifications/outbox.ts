import type { Transaction } from 'sequelize';
import type { Services } from '../../context';
import { decryptPii, encryptPii } from '../../lib/pii';
import { models } from '../../models';
import type { MessageKind } from './notifier';
import { render, type TemplateName, type Templates } from './templates';

type OutboxServices = Pick<Services, 'sequelize' | 'config' | 'logger' | 'notifier'>;

/**
 * Writes a message in the caller's transaction, so it exists exactly when the change that
 * caused it commits; it is sent after commit. Recipient and payload are stored encrypted.
 */
export async function enqueueMessage<T extends TemplateName>(
  s: OutboxServices,
  t: Transaction,
  m: { to: string; template: T; payload: Templates[T]; kind?: MessageKind },
): Promise<string> {
  const key = s.config.piiKey;
  const row = await models(s.sequelize).OutboxMessage.create(
    {
      kind: m.kind ?? 'email',
      recipientEnc: encryptPii(key, m.to)!,
      template: m.template,
      payloadEnc: encryptPii(key, JSON.stringify(m.payload))!,
    },
    { transaction: t },
  );
  t.afterCommit(() => {
    deliverMessages(s, { ids: [row.id] }).catch((err: Error) =>
      s.logger.warn({ err: err.message }, 'outbox delivery failed; it is retried'),
    );
  });
  return row.id;
}

/**
 * Sends unsent messages: these ids, or the oldest `limit` (the retry run, on the job queue).
 * Rows are claimed FOR UPDATE SKIP LOCKED, so two nodes never send one message twice; a send
 * that fails counts an attempt and stays for the next run. Returns how many were sent.
 */
export async function deliverMessages(s: OutboxServices, opts: { ids?: string[]; limit?: number } = {}): Promise<number> {
  const { OutboxMessage } = models(s.sequelize);
  return s.sequelize.transaction(async (t) => {
    const due = await OutboxMessage.findAll({
      where: { sentAt: null, ...(opts.ids ? { id: opts.ids } : {}) },
      order: [['createdAt', 'ASC']],
      limit: opts.limit ?? 50,
      lock: t.LOCK.UPDATE,
      skipLocked: true,
      transaction: t,
    });
    let sent = 0;
    for (const row of due) {
      const payload = JSON.parse(decryptPii(s.config.piiKey, row.payloadEnc)!) as Templates[TemplateName];
      const to = decryptPii(s.config.piiKey, row.recipientEnc)!;
      try {
        await s.notifier.send({ id: row.id, kind: row.kind, to, ...render(row.template as TemplateName, payload) });
        await row.update({ sentAt: new Date(), attempts: row.attempts + 1 }, { transaction: t });
        sent++;
      } catch (err) {
        // Only the id and template: the recipient and the payload are personal (and may hold a code).
        s.logger.warn({ messageId: row.id, template: row.template, err: (err as Error).message }, 'sending a message failed');
        await row.update({ attempts: row.attempts + 1 }, { transaction: t });
      }
    }
    return sent;
  });
}

import type { Sequelize } from 'sequelize';
import { decryptPii, emailLookupHash, encryptPii } from '../../lib/pii';
import { models } from '../../models';
import type { Notifier, OutgoingMessage } from './notifier';

/** A message as its recipient finds it in the sandbox mailbox. */
export interface ReceivedMail extends OutgoingMessage {
  receivedAt: Date;
}

/**
 * The sandbox sender (NOTIFIER=sandbox): stands for the recipients' mail servers. Each message
 * lands in `sandbox_mailbox`, on a pool of its own and outside our transactions (mail once sent
 * stays sent, whatever the sender's transaction does next), encrypted like every personal datum.
 * Tests and the demo read an address's inbox from there; nothing reaches anyone outside.
 */
export class SandboxMailbox implements Notifier {
  constructor(
    private readonly db: Sequelize,
    private readonly piiKey: Buffer,
  ) {}

  async send(message: OutgoingMessage): Promise<void> {
    const { to, subject, text } = message;
    await models(this.db).SandboxMail.create({
      messageId: message.id,
      recipientHash: emailLookupHash(this.piiKey, to),
      messageEnc: encryptPii(this.piiKey, JSON.stringify({ kind: message.kind, to, subject, text }))!,
    });
  }

  /** The messages delivered to an address (any case), oldest first: what its owner would read. */
  async inbox(address: string): Promise<ReceivedMail[]> {
    const rows = await models(this.db).SandboxMail.findAll({
      where: { recipientHash: emailLookupHash(this.piiKey, address) },
      order: [['id', 'ASC']],
    });
    return rows.map((r) => {
      const m = JSON.parse(decryptPii(this.piiKey, r.messageEnc)!) as Omit<OutgoingMessage, 'id'>;
      return { id: r.messageId, ...m, receivedAt: r.receivedAt };
    });
  }
}

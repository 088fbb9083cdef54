import type { Config } from '../../config';
import { createSequelize } from '../../db/connection';
import type { Logger } from '../../logger';
import type { Notifier } from './notifier';
import { SandboxMailbox } from './sandboxMailbox';
import { SmtpNotifier } from './smtpNotifier';

/**
 * The sender NOTIFIER names, and how to let go of it. The sandbox writes its mailbox on a pool
 * of its own: the outbox sends while holding a connection of the node's pool (its claimed
 * rows), and waiting for a second one from that pool could deadlock under load.
 */
export function openNotifier(config: Config, logger: Logger): { notifier: Notifier; close(): Promise<void> } {
  switch (config.notifier) {
    case 'sandbox': {
      if (config.env === 'production') {
        logger.warn(
          'NOTIFIER=sandbox in production: messages stay in the sandbox mailbox and nobody receives them (sign-up cannot finish)',
        );
      }
      const mailbox = createSequelize(config.databaseUrl!, { poolMax: 2 });
      return { notifier: new SandboxMailbox(mailbox, config.piiKey), close: () => mailbox.close() };
    }
    case 'smtp': {
      const smtp = new SmtpNotifier(config.smtp!);
      return { notifier: smtp, close: async () => smtp.close() };
    }
  }
}

import type { Config } from '../../config';
import { createSequelize } from '../../db/connection';
import type { Logger } from '../../logger';
import { ProcessorError, type PaymentProcessor } from './processor';
import { SandboxProcessor } from './sandboxProcessor';

/** Card payments switched off (`PAYMENTS=none`): every card is declined; counter and room charges still work. */
export class CardPaymentsOff implements PaymentProcessor {
  async authorize() {
    return { ok: false as const, reason: 'card payments are not available here; pay at the counter', declineCode: 'payments_off' };
  }

  async capture(authorizationId: string): Promise<void> {
    throw new ProcessorError(`card payments are off: cannot capture ${authorizationId}`);
  }

  async void(authorizationId: string): Promise<void> {
    throw new ProcessorError(`card payments are off: cannot void ${authorizationId}`);
  }

  async refund(authorizationId: string): Promise<{ refundedTotalCents: number }> {
    throw new ProcessorError(`card payments are off: cannot refund ${authorizationId}`);
  }
}

/**
 * The processor PAYMENTS names, and how to let go of it. The sandbox stands for an outside
 * processor: its own connections, so an order transaction waiting on it never waits for a
 * connection of the node's pool (which would deadlock under load).
 */
export function openPaymentProcessor(config: Config, logger: Logger): { processor: PaymentProcessor; close(): Promise<void> } {
  switch (config.payments) {
    case 'sandbox': {
      if (config.env === 'production') logger.warn('PAYMENTS=sandbox in production: only test cards are accepted and no money moves');
      const ledger = createSequelize(config.databaseUrl!, { poolMax: 4 });
      return { processor: new SandboxProcessor(ledger, undefined, config.sandbox), close: () => ledger.close() };
    }
    case 'none':
      return { processor: new CardPaymentsOff(), close: async () => {} };
  }
}

import type { Notifier, OutgoingMessage } from './notifier';

const KEPT = 500;

/**
 * Stands for the mail server: keeps the last KEPT messages in memory, so a test (or a developer
 * at a debugger) can read what a person would have received. Never writes them to a log.
 */
export class SandboxNotifier implements Notifier {
  #sent: OutgoingMessage[] = [];

  async send(message: OutgoingMessage): Promise<void> {
    this.#sent.push(message);
    if (this.#sent.length > KEPT) this.#sent.shift();
  }

  /** The messages sent to an address, oldest first. */
  inbox(address: string): OutgoingMessage[] {
    const to = address.trim().toLowerCase();
    return this.#sent.filter((m) => m.to.toLowerCase() === to);
  }
}

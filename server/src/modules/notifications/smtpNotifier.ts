import nodemailer from 'nodemailer';
import type { Notifier, OutgoingMessage } from './notifier';

const LOOPBACK = /^(localhost|127(\.\d+){3}|\[::1\])$/i;

/** What of a failed send may be logged: the stage and SMTP reply code, never the server's text (it quotes the recipient). */
function sendFailure(err: unknown): Error {
  const e = err as { code?: string; responseCode?: number; command?: string };
  const parts = [e.code ?? 'error', e.responseCode, e.command && `at ${e.command}`].filter(Boolean);
  return new Error(`the mail server did not take the message (${parts.join(' ')})`);
}

/**
 * The real sender (NOTIFIER=smtp): hands each message to the mail server at SMTP_URL, from
 * MAIL_FROM, as plain text (the templates have no HTML and are in English: accounts carry no
 * language yet). A send resolves only once the server accepted the message; anything else
 * throws, and the outbox keeps the message for its next run. The Message-ID carries the outbox
 * id, so a message retried after an unrecorded success is recognisable as the same one.
 */
export class SmtpNotifier implements Notifier {
  readonly #transport: ReturnType<typeof nodemailer.createTransport>;
  readonly #domain: string;

  constructor(smtp: { url: string; from: string }) {
    const url = new URL(smtp.url);
    // A password never crosses the network in the clear: plain smtp:// with credentials to
    // another host must upgrade with STARTTLS (`?requireTLS=false` in the URL says otherwise).
    const requireTLS = url.protocol === 'smtp:' && url.username !== '' && !LOOPBACK.test(url.hostname);
    this.#transport = nodemailer.createTransport(
      {
        url: smtp.url,
        pool: true,
        maxConnections: 2,
        requireTLS,
        // The outbox holds its rows locked while it sends: a silent server must fail, not hang.
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
        // Nodemailer's own logging would print envelopes and bodies.
        logger: false,
        debug: false,
      },
      { from: smtp.from },
    );
    this.#domain = /@([^@>\s]+)>?\s*$/.exec(smtp.from)![1];
  }

  async send(message: OutgoingMessage): Promise<void> {
    // A mail server carries no SMS: the message stays unsent (and retried) until an SMS sender is configured.
    if (message.kind !== 'email') throw new Error(`NOTIFIER=smtp sends no ${message.kind}`);
    try {
      await this.#transport.sendMail({
        to: message.to,
        subject: message.subject,
        text: message.text,
        messageId: `<${message.id}@${this.#domain}>`,
      });
    } catch (err) {
      throw sendFailure(err);
    }
  }

  /** Closes the pooled connections (node shutdown). */
  close(): void {
    this.#transport.close();
  }
}

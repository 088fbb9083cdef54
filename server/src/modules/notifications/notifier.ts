/** How a message travels. */
export type MessageKind = 'email' | 'sms';

/** A message ready to go out: rendered, addressed, and named by its outbox row. */
export interface OutgoingMessage {
  id: string;
  /** `to` is an email address, or a phone number for an SMS (its text only; no subject is shown). */
  kind: MessageKind;
  to: string;
  subject: string;
  text: string;
}

/**
 * What sends the outbox's messages, as NOTIFIER chooses (notifiers.ts): a real mail server
 * (smtpNotifier) or the sandbox mailbox (sandboxMailbox). A send that throws is retried, so a
 * sender throws whenever the message was not accepted.
 */
export interface Notifier {
  send(message: OutgoingMessage): Promise<void>;
}

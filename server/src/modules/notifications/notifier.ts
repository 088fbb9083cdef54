/** A message ready to go out: rendered, addressed, and named by its outbox row. */
export interface OutgoingMessage {
  id: string;
  kind: 'email';
  to: string;
  subject: string;
  text: string;
}

/**
 * What sends the outbox's messages. The real mail server is outside this system; the sandbox
 * (sandboxNotifier) stands for it in development and tests. A send that throws is retried.
 */
export interface Notifier {
  send(message: OutgoingMessage): Promise<void>;
}

import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Keys whose values never reach a log line: credentials (headers, cookies, tokens, pairing
 * codes, passwords), card fields and personal data. pino's redact matches exact paths, with `*`
 * for one level, so each key is listed at the depths log objects reach.
 */
const SECRET_KEYS = [
  'authorization',
  'cookie',
  '["set-cookie"]',
  'token',
  'orderToken',
  'pairingCode',
  'password',
  'card',
  'cardNumber',
  'cvc',
  'email',
  'phone',
  'guestName',
  'roomNumber',
  'roomPin',
];
// `name` is personal only on people and bodies (an error's `name` is kept).
const NAMED = ['user', 'body', 'guest', 'account'];

export const REDACT_PATHS = [
  ...SECRET_KEYS.flatMap((k) => {
    const key = k.startsWith('[') ? k : `.${k}`;
    return [k, `*${key}`, `*.*${key}`, `*.*.*${key}`];
  }),
  ...NAMED.flatMap((n) => [`${n}.name`, `*.${n}.name`]),
];

// What of a (database) error is logged: what went wrong and where, never the values bound into it.
const ERROR_FIELDS = [
  'type',
  'message',
  'stack',
  'name',
  'code',
  'status',
  'sql',
  'severity',
  'where',
  'routine',
  'table',
  'column',
  'constraint',
];

/**
 * Errors without their values: Sequelize's carry `parameters` (every bind value of the
 * statement: tokens, names, whole stored responses), `fields` and `errors[].value`, and
 * PostgreSQL's `detail` quotes the offending row. Only ERROR_FIELDS are kept, and the cause
 * (Sequelize's `parent`, standard `cause`) the same way.
 */
export function serializeError(err: unknown): unknown {
  if (!err || typeof err !== 'object') return err;
  const plain = (err instanceof Error ? pino.stdSerializers.err(err) : err) as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of ERROR_FIELDS) if (plain[k] !== undefined) out[k] = plain[k];
  for (const k of ['parent', 'cause']) {
    const inner = (err as Record<string, unknown>)[k];
    if (inner && typeof inner === 'object') out[k] = serializeError(inner);
  }
  return out;
}

/** The server's logger: JSON lines, the node's id on each, secrets and personal data redacted. */
export function createLogger(level: string, nodeId: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { node: nodeId },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: { err: serializeError },
    },
    destination,
  );
}

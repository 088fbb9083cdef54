import crypto from 'node:crypto';
import { loadConfig } from '../../config';
import { one } from '../../db/sql';
import { decryptPii } from '../../lib/pii';
import { createLogger } from '../../logger';
import { models } from '../../models';
import { client, eventually, startTestNode, testConfig, testSequelize } from '../../test/harness';
import { codeSentTo } from '../../test/signUp';
import { startSmtpServer } from '../../test/smtpServer';
import { openNotifier } from './notifiers';
import { deliverMessages } from './outbox';
import { SandboxMailbox } from './sandboxMailbox';

/** NOTIFIER picks where messages go; production names it, and `smtp` hands them to a real mail server. */

const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x',
  SESSION_SECRET: 's'.repeat(40),
  PII_KEY: 'ab'.repeat(32),
  PAYMENTS: 'none',
};
const smtpEnv = {
  NOTIFIER: 'smtp',
  SMTP_URL: 'smtps://mailer:secret@mail.hotel.example:465',
  MAIL_FROM: 'Dinewire <no-reply@hotel.example>',
};
const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return '';
  } catch (err) {
    return (err as Error).message;
  }
};

/** A logger that keeps its JSON lines (with the real redaction), to show what a send writes to logs. */
function capturingLogger() {
  const lines: string[] = [];
  return { lines, logger: createLogger('debug', 'notifier-test', { write: (line: string) => void lines.push(line) }) };
}

const signUpBody = () => ({
  name: 'Ho Wing Sze',
  email: `smtp-${crypto.randomUUID()}@guest.example`,
  phone: '+852 6123 0000',
  password: 'harbour lights at dusk',
});

describe('choosing the message sender', () => {
  it('refuses a production start that names no sender, and names the variable', () => {
    expect(problems(production)).toMatch(/NOTIFIER: required when NODE_ENV=production/);
    expect(problems({ ...production, NOTIFIER: 'mailgun' })).toMatch(/NOTIFIER/);
    expect(loadConfig({ ...production, NOTIFIER: 'sandbox' }).notifier).toBe('sandbox');
    expect(loadConfig({ ...production, ...smtpEnv })).toMatchObject({
      notifier: 'smtp',
      smtp: { url: smtpEnv.SMTP_URL, from: smtpEnv.MAIL_FROM },
    });
  });

  it('refuses NOTIFIER=smtp without SMTP_URL and MAIL_FROM, or with malformed ones, naming each', () => {
    const dev = { NODE_ENV: 'development', DATA_DIR: '/tmp/dinewire-config-test' };
    const missing = problems({ ...dev, NOTIFIER: 'smtp' });
    expect(missing).toMatch(/SMTP_URL: required when NOTIFIER=smtp/);
    expect(missing).toMatch(/MAIL_FROM: required when NOTIFIER=smtp/);
    // Compose passes an unset variable as an empty string: still missing.
    expect(problems({ ...dev, NOTIFIER: 'smtp', SMTP_URL: '', MAIL_FROM: '' })).toMatch(/SMTP_URL: required[\s\S]*MAIL_FROM: required/);
    for (const url of ['https://mail.hotel.example', 'smtp://', 'smtp://mail.hotel.example:99999', 'smtp:mail.hotel.example']) {
      expect(problems({ ...dev, ...smtpEnv, SMTP_URL: url })).toMatch(/SMTP_URL: an smtp:\/\/ or smtps:\/\/ URL/);
    }
    expect(problems({ ...dev, ...smtpEnv, MAIL_FROM: 'no-reply' })).toMatch(/MAIL_FROM: an address/);
    // The URL's password never appears in the message.
    expect(problems({ ...dev, ...smtpEnv, SMTP_URL: 'smtpx://mailer:secret@host' })).not.toContain('secret');
    expect(loadConfig({ ...dev, ...smtpEnv, MAIL_FROM: 'no-reply@hotel.example' }).smtp!.from).toBe('no-reply@hotel.example');
  });

  it('defaults to the sandbox outside production, and warns when production runs it', async () => {
    expect(loadConfig({ NODE_ENV: 'development', DATA_DIR: '/tmp/dinewire-config-test' })).toMatchObject({
      notifier: 'sandbox',
      smtp: null,
    });
    const { lines, logger } = capturingLogger();
    const sandbox = openNotifier(testConfig({ env: 'production' }), logger);
    await sandbox.close();
    expect(sandbox.notifier).toBeInstanceOf(SandboxMailbox);
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ level: 40, msg: expect.stringContaining('NOTIFIER=sandbox in production') }),
    ]);
    const quiet = capturingLogger();
    await openNotifier(testConfig(), quiet.logger).close();
    expect(quiet.lines).toEqual([]);
  });
});

describe('NOTIFIER=sandbox', () => {
  const sequelize = testSequelize();
  const key = testConfig().piiKey;
  afterAll(() => sequelize.close());

  it('keeps what a node sent in the sandbox mailbox, encrypted, readable after the node is gone', async () => {
    const node = await startTestNode();
    const b = signUpBody();
    expect((await client(node.url).post('/api/v1/auth/register', b)).status).toBe(202);
    const reader = new SandboxMailbox(sequelize, key);
    const code = await codeSentTo(reader, b.email.toUpperCase());
    await node.close();

    const [mail] = await reader.inbox(b.email);
    expect(mail).toMatchObject({ kind: 'email', to: b.email, subject: 'Finish signing up for Dinewire', receivedAt: expect.any(Date) });
    const stored = await one<{ text: string }>(
      sequelize,
      'SELECT row_to_json(m)::text AS text FROM sandbox_mailbox m WHERE message_id = $id',
      {
        id: mail.id,
      },
    );
    for (const secret of [b.email, code]) expect(stored!.text).not.toContain(secret);

    // Another node reads the same mailbox, and the code still finishes the sign-up there.
    const other = await startTestNode({ sequelize });
    try {
      expect((await client(other.url).post('/api/v1/auth/register/verify', { code })).status).toBe(201);
    } finally {
      await other.close();
    }
  });
});

describe('NOTIFIER=smtp, against a real SMTP server', () => {
  const sequelize = testSequelize();
  const key = testConfig().piiKey;
  const from = 'Dinewire <no-reply@hotel.example>';
  afterAll(() => sequelize.close());

  const smtpNode = (port: number, logger?: ReturnType<typeof createLogger>) =>
    startTestNode({
      sequelize,
      ...(logger ? { logger } : {}),
      config: { notifier: 'smtp', smtp: { url: `smtp://mailer:s3cret%21@127.0.0.1:${port}`, from } },
    });

  /** The outbox row of the one message to `email` (recipients are stored encrypted). */
  async function outboxRowTo(email: string) {
    const rows = await models(sequelize).OutboxMessage.findAll({ where: { sentAt: null } });
    return rows.find((r) => decryptPii(key, r.recipientEnc) === email) ?? null;
  }

  it('signs a guest up with the code the mail server received, once, from MAIL_FROM', async () => {
    const smtp = await startSmtpServer({ user: 'mailer', pass: 's3cret!' });
    const node = await smtpNode(smtp.port);
    try {
      const b = signUpBody();
      expect((await client(node.url).post('/api/v1/auth/register', b)).status).toBe(202);
      const code = await codeSentTo(smtp, b.email);
      expect(smtp.accepted).toHaveLength(1);
      const [mail] = smtp.accepted;
      expect(mail).toMatchObject({ user: 'mailer', mailFrom: 'no-reply@hotel.example', rcptTo: [b.email] });
      expect(mail.headers).toMatchObject({
        from: 'Dinewire <no-reply@hotel.example>',
        to: b.email,
        subject: 'Finish signing up for Dinewire',
        'content-type': expect.stringMatching(/^text\/plain; charset=utf-8/),
        'message-id': expect.stringMatching(/^<[0-9a-f-]{36}@hotel\.example>$/),
      });
      expect(mail.text).toContain(`Finish signing up: ${code}`);
      // Nothing went to the sandbox instead.
      expect(await new SandboxMailbox(sequelize, key).inbox(b.email)).toEqual([]);

      const done = await client(node.url).post('/api/v1/auth/register/verify', { code });
      expect(done.status).toBe(201);
      expect(done.body.user).toMatchObject({ email: b.email, role: 'guest' });
    } finally {
      await node.close();
      await smtp.close();
    }
  });

  it('keeps a message the server refused with 451, delivers it once on the next run, and logs neither address nor code', async () => {
    const smtp = await startSmtpServer({ user: 'mailer', pass: 's3cret!', greylist: 1 });
    const { lines, logger } = capturingLogger();
    const node = await smtpNode(smtp.port, logger);
    try {
      const b = signUpBody();
      expect((await client(node.url).post('/api/v1/auth/register', b)).status).toBe(202);
      // The send after commit was refused: the message stays, one attempt counted, nothing delivered.
      await eventually(async () => expect(await outboxRowTo(b.email)).toMatchObject({ attempts: 1, sentAt: null }));
      expect(smtp.refused()).toBe(1);
      expect(smtp.accepted).toEqual([]);
      const row = (await outboxRowTo(b.email))!;
      const failure = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'sending a message failed');
      expect(failure).toMatchObject({ messageId: row.id, template: 'registration.code', err: expect.stringMatching(/451 at RCPT TO/) });

      // The retry run (the outbox's job) sends it; a further run finds nothing to send.
      expect(await deliverMessages(node.services, { ids: [row.id] })).toBe(1);
      expect(await deliverMessages(node.services, { ids: [row.id] })).toBe(0);
      expect(smtp.accepted.map((m) => m.rcptTo)).toEqual([[b.email]]);
      expect(await models(sequelize).OutboxMessage.findByPk(row.id)).toMatchObject({ attempts: 2, sentAt: expect.any(Date) });
      const code = await codeSentTo(smtp, b.email);
      expect((await client(node.url).post('/api/v1/auth/register/verify', { code })).status).toBe(201);

      const log = lines.join('\n');
      for (const secret of [b.email, code, 's3cret']) expect(log).not.toContain(secret);
    } finally {
      await node.close();
      await smtp.close();
    }
  });

  it('counts a send the server would not authenticate as failed, so it is retried', async () => {
    const smtp = await startSmtpServer({ user: 'mailer', pass: 'another password' });
    const node = await smtpNode(smtp.port);
    try {
      const b = signUpBody();
      expect((await client(node.url).post('/api/v1/auth/register', b)).status).toBe(202);
      await eventually(async () => expect(await outboxRowTo(b.email)).toMatchObject({ attempts: 1, sentAt: null }));
      expect(smtp.accepted).toEqual([]);
    } finally {
      await node.close();
      await smtp.close();
    }
  });
});

import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { Inbox } from './signUp';

/** A message the test SMTP server accepted, as its recipient's mailbox would hold it. */
export interface AcceptedMail {
  user: string | undefined;
  mailFrom: string;
  rcptTo: string[];
  headers: Record<string, string>;
  text: string;
}

/** Header fields (unfolded, lower-case names) and the plain-text body, quoted-printable decoded. */
function parse(raw: string): Pick<AcceptedMail, 'headers' | 'text'> {
  const split = raw.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = raw.slice(split + 4);
  if (/quoted-printable/i.test(headers['content-transfer-encoding'] ?? '')) {
    body = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  }
  return { headers, text: Buffer.from(body, 'latin1').toString('utf8').replace(/\r\n/g, '\n') };
}

/**
 * A real SMTP server (nodemailer's smtp-server) on 127.0.0.1, port 0: it wants `user`/`pass`
 * (AUTH PLAIN/LOGIN over the plain connection, as a relay on this host would), refuses the
 * first `greylist` recipients with 451 (quoting the address, as servers do), and keeps what it
 * accepted.
 */
export async function startSmtpServer(opts: { user: string; pass: string; greylist?: number }) {
  const accepted: AcceptedMail[] = [];
  let greylist = opts.greylist ?? 0;
  let refused = 0;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: false,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === opts.user && auth.password === opts.pass) cb(null, { user: auth.username });
      else cb(Object.assign(new Error('5.7.8 authentication failed'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, cb) {
      if (greylist-- > 0) {
        refused++;
        return cb(Object.assign(new Error(`4.7.1 <${address.address}>: greylisted, try again later`), { responseCode: 451 }));
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const envelope = session.envelope;
        accepted.push({
          user: session.user as string | undefined,
          mailFrom: envelope.mailFrom ? envelope.mailFrom.address : '',
          rcptTo: envelope.rcptTo.map((r) => r.address),
          ...parse(Buffer.concat(chunks).toString('latin1')),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const inbox: Inbox['inbox'] = async (address) => accepted.filter((m) => m.rcptTo.some((r) => r.toLowerCase() === address.toLowerCase()));
  return {
    port,
    accepted,
    /** How many recipients were refused with 451 so far. */
    refused: () => refused,
    inbox,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

import readline from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { RegisterSchema } from '@dinewire/protocol';
import { migrate } from '../db/migrator';
import { createManager } from '../modules/accounts/staffAccounts';
import { runCli, say } from './run';

const USAGE = `Usage: npm run create-manager -- --email <email> --name <name> [--phone <phone>]

Creates a manager account for every restaurant in the database: how a real hotel's first
account is made (production seeds no demo accounts). The password is read from the
MANAGER_PASSWORD environment variable, else from standard input (typed without echo at a
terminal, or piped: echo "$PASSWORD" | npm run create-manager -- ...). It is never taken as
an argument, where the process list and shell history would keep it.`;

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    phone: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help || !values.email || !values.name) {
  say(USAGE);
  process.exit(values.help ? 0 : 64);
}

/** One line of standard input; at a terminal it is asked for and not echoed. */
async function readPassword(): Promise<string> {
  const tty = process.stdin.isTTY;
  if (tty) process.stdout.write('Password for the new manager: ');
  const muted = new Writable({ write: (_chunk, _enc, done) => done() });
  const rl = readline.createInterface({ input: process.stdin, output: tty ? muted : undefined, terminal: tty });
  try {
    for await (const line of rl) return line;
    return '';
  } finally {
    rl.close();
    if (tty) process.stdout.write('\n');
  }
}

void runCli(async ({ config, db }) => {
  const password = process.env.MANAGER_PASSWORD ?? (await readPassword());
  // The same rules as a guest's sign-up, field by field (the phone is optional here).
  const fields = { email: values.email, name: values.name, password, ...(values.phone ? { phone: values.phone } : {}) };
  const schema = RegisterSchema.partial({ phone: true });
  const checked = schema.safeParse(fields);
  if (!checked.success) {
    throw new Error(checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
  }
  await migrate(db.sequelize, undefined, { piiKey: config.piiKey });
  const made = await createManager(db.sequelize, config, checked.data);
  say(`created manager ${checked.data.email} for ${made.restaurantIds.length} restaurant(s); sign in at /dashboard/`);
});

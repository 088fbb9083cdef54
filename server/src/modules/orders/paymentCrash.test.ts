import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Sequelize } from 'sequelize';
import { rows } from '../../db/sql';
import { testDatabaseUrl } from '../../test/env';
import { makeDish, makeRestaurant, orderBody, TEST_CARD } from '../../test/factories';
import { client, eventually, idempotencyKey, startTestNode, testSequelize } from '../../test/harness';

/**
 * A node killed between commit and capture: a real node (the compiled server, as `npm start`
 * runs it) whose sandbox processor hangs on capture is SIGKILLed after its card orders
 * committed; another node must finish every one of them: paid and captured, or voided and
 * cancelled, never one without the other.
 */
const MAIN = path.resolve(__dirname, '../../../dist/main.js');

let db: Sequelize;
let child: ChildProcess | null = null;
let dataDir = '';

beforeAll(() => {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npx tsc -b server\` (npm test does) first`);
  db = testSequelize();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dinewire-crash-'));
});
afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
  await db?.close();
});

/** Starts the compiled server as a child process; resolves with its address once it serves. */
function startChild(env: Record<string, string>): Promise<string> {
  const proc = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the node did not start in 30 s:\n${out}`)), 30_000);
    const seen = (d: Buffer) => {
      out += d;
      const m = /API:\s+http:\/\/localhost:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    };
    proc.stdout!.on('data', seen);
    proc.stderr!.on('data', (d: Buffer) => (out += d));
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the node exited with ${code}:\n${out}`));
    });
  });
}

interface State {
  id: string;
  total_cents: number;
  status: string;
  payment_status: string;
  charge: string;
  ledger: string;
  captured_cents: number;
  job: string | null;
}

const states = (orderIds: string[]) =>
  rows<State>(
    db,
    `SELECT o.id, o.total_cents, o.status, o.payment_status, p.status AS charge, c.status AS ledger, c.captured_cents,
            (SELECT j.state::text FROM pgboss.job j WHERE j.name = 'payment.capture' AND j.singleton_key = o.id::text) AS job
       FROM orders o JOIN payments p ON p.order_id = o.id AND p.kind = 'charge' JOIN sandbox_charges c ON c.id = o.processor_ref
      WHERE o.id = ANY($orderIds::uuid[])`,
    { orderIds },
  );

it('finishes on another node every card order whose node was killed between commit and capture', async () => {
  const r = await makeRestaurant(db);
  const dish = await makeDish(db, r, { stock: 20, priceCents: 4100 });
  const url = await startChild({
    NODE_ENV: 'test',
    DATABASE_URL: testDatabaseUrl(),
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    SESSION_SECRET: 'test-session-secret-test-session-secret',
    PII_KEY: '11'.repeat(32),
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'warn',
    // Captures hang (for ten minutes); a job whose node goes silent is retried after 5 s.
    SANDBOX_CAPTURE_DELAY_MS: '600000',
    JOB_EXPIRE_SECONDS: '5',
  });

  const ids: string[] = [];
  for (let i = 0; i < 4; i++) {
    const res = await client(url).post('/api/v1/orders', orderBody(r, [{ dishId: dish.id }], { paymentMethod: 'card', card: TEST_CARD }), {
      'idempotency-key': idempotencyKey(),
    });
    expect(res.status).toBe(201);
    ids.push(res.body.order.id);
  }
  // Committed, and their captures under way on the child (hanging at the processor).
  await eventually(async () => {
    const s = await states(ids);
    expect(s.filter((x) => x.job === 'active').length).toBeGreaterThan(0);
    expect(s.every((x) => x.job === 'active' || x.job === 'completed')).toBe(true);
  }, 15_000);
  child!.kill('SIGKILL');
  await new Promise((res) => child!.once('exit', res));

  // Right after the crash: orders paid on our books, the money only authorised at the processor.
  const atCrash = await states(ids);
  expect(atCrash).toHaveLength(4);
  expect(atCrash.filter((x) => x.payment_status === 'paid' && x.ledger === 'authorized').length).toBeGreaterThan(0);

  const survivor = await startTestNode();
  try {
    await eventually(async () => {
      for (const s of await states(ids)) {
        const paidAndCaptured =
          s.status !== 'cancelled' &&
          s.payment_status === 'paid' &&
          s.charge === 'settled' &&
          s.ledger === 'captured' &&
          s.captured_cents === s.total_cents;
        const voidedAndCancelled = s.status === 'cancelled' && s.payment_status === 'void' && s.charge === 'void' && s.ledger === 'voided';
        expect({ id: s.id, ok: paidAndCaptured || voidedAndCancelled }).toEqual({ id: s.id, ok: true });
      }
    }, 60_000);
  } finally {
    await survivor.close();
  }
}, 120_000);

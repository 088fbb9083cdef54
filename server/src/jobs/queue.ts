import PgBoss from 'pg-boss';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { unavailable } from '../errors';
import type { Logger } from '../logger';

/** The schema the jobs migration created (db/migrations/20261201001000-jobs.ts); nodes never create it. */
const SCHEMA = 'pgboss';

/** How a queue's jobs are retried, and how many of them one node runs at once. */
export interface QueuePolicy {
  /** A job stays locked to its node this long; past it, the node is presumed dead and another node retries the job. */
  expireInSeconds: number;
  /** The first retry comes after one to two times this, each next one after about twice as long. */
  retryDelaySeconds: number;
  /** Retries before a job is left failed; money jobs are retried until done. */
  retryLimit: number;
  concurrency: number;
}

/** Retried until done: with the doubling delay, the gaps reach about 18 hours and stay there. */
export const UNTIL_DONE = 1_000_000;

export interface EnqueueOptions {
  /** What the job is about (an order id), kept on the job row to find it. */
  singletonKey?: string;
  /** Not before this time, or this many seconds from now. */
  startAfter?: Date | number;
}

export type JobHandler<T> = (data: T) => Promise<void>;

/** How often a queue's first worker looks for jobs queued elsewhere (another node, or a retry falling due). */
const POLL_SECONDS = 2;
/**
 * A queue's other workers look far less often: a job queued on this node wakes one of them at
 * once, so they exist to run jobs side by side, not to find them. Every poll is a query on the
 * node's own small pool, and a node taking a dead peer's whole load has none to spare.
 */
const SPARE_POLL_SECONDS = 30;
/** Scheduled queues get one job a minute at most: a look every few seconds is plenty. */
const SCHEDULED_POLL_SECONDS = 10;
const START_RETRY_MS = 3000;
/** PostgreSQL's deadlock_detected. */
const DEADLOCK = '40P01';
const SCHEDULED: QueuePolicy = { expireInSeconds: 300, retryDelaySeconds: 30, retryLimit: 3, concurrency: 1 };

interface Registration {
  name: string;
  policy: QueuePolicy;
  handler: JobHandler<never>;
  cron?: string;
}

/**
 * The durable job queue: pg-boss on our PostgreSQL, started inside every node, so every node
 * works every queue (and `npm start`'s embedded database runs it too). A job enqueued in a
 * transaction commits or rolls back with it; a job whose node dies is retried by another node
 * once its lock expires. Handlers may therefore run more than once, even twice at once: each
 * must be idempotent.
 */
export class JobQueue {
  #boss: PgBoss;
  #retry: NodeJS.Timeout | undefined;
  #attempt: Promise<void> = Promise.resolve();
  #stopping = false;
  readonly #registrations = new Map<string, Registration>();
  readonly #workers = new Map<string, string[]>();
  #nextWorker = 0;
  #started = false;

  constructor(
    private readonly deps: {
      databaseUrl: string;
      sequelize: Sequelize;
      logger: Logger;
      maintenanceIntervalSeconds?: number;
      /** Prefixes every queue name: a test suite's nodes then work only their own jobs, not those of suites sharing the database. */
      namespace?: string;
    },
  ) {
    this.#boss = this.#newBoss();
  }

  #newBoss(): PgBoss {
    const boss = new PgBoss({
      connectionString: this.deps.databaseUrl,
      schema: SCHEMA,
      // Its own small pool: polling and bookkeeping never wait behind requests for a connection.
      max: 3,
      application_name: 'dinewire-jobs',
      migrate: false,
      // Expired locks (a dead node's jobs) are found this often, by whichever node's turn it is.
      maintenanceIntervalSeconds: this.deps.maintenanceIntervalSeconds ?? 5,
    });
    boss.on('error', (err: Error) => this.deps.logger.warn({ reason: err.message }, 'job queue error'));
    return boss;
  }

  /** Works `name` on this node with `handler`, from start() on. */
  async work<T>(name: string, policy: QueuePolicy, handler: JobHandler<T>): Promise<void> {
    this.#registrations.set(name, { name, policy, handler: handler as JobHandler<never> });
    if (this.#started) await this.#startWorking(this.#registrations.get(name)!);
  }

  /** Runs `handler` on `cron` (UTC), once per tick across the cluster: recurring maintenance such as pruning. */
  async schedule(name: string, cron: string, handler: () => Promise<void>): Promise<void> {
    this.#registrations.set(name, { name, policy: SCHEDULED, handler, cron });
    if (this.#started) await this.#startWorking(this.#registrations.get(name)!);
  }

  /**
   * Queues a job in the caller's transaction: it exists if and only if the transaction commits.
   * After commit a worker of this node is woken, so the job starts at once rather than at the next poll.
   */
  async enqueue<T extends object>(t: Transaction, name: string, data: T, opts: EnqueueOptions = {}): Promise<string> {
    const db = transactionDb(this.deps.sequelize, t);
    const id = await this.#boss.send(this.#queue(name), data, { ...this.#jobOptions(name, opts), db });
    if (!id) throw new Error(`job ${name} was not queued`);
    t.afterCommit(() => this.#wake(name));
    return id;
  }

  /** Queues a job outside any transaction (a fallback that must exist even if what follows fails). */
  async send<T extends object>(name: string, data: T, opts: EnqueueOptions = {}): Promise<string> {
    // Outside a transaction pg-boss uses its own connections, which exist only once it started:
    // while it is (re)starting the caller is told to come back, as with a database away.
    if (!this.#started) throw unavailable('The job queue is starting; try again shortly.');
    const id = await this.#boss.send(this.#queue(name), data, this.#jobOptions(name, opts));
    if (!id) throw new Error(`job ${name} was not queued`);
    return id;
  }

  /**
   * Starts working the queues. A node also starts while its database is away (readiness says
   * so): then this keeps trying every few seconds, with a fresh pg-boss each time (one whose
   * start failed stays half-started).
   */
  async start(): Promise<void> {
    this.#stopping = false;
    this.#attempt = this.#tryStart();
    await this.#attempt;
  }

  async #tryStart(): Promise<void> {
    try {
      await this.#boss.start();
      this.#started = true;
      for (const r of this.#registrations.values()) await this.#startWorking(r);
    } catch (err) {
      this.deps.logger.warn({ reason: (err as Error).message }, 'job queue not started; trying again shortly');
      const failed = this.#boss;
      this.#started = false;
      this.#boss = this.#newBoss();
      await failed.stop({ graceful: false, wait: true }).catch(() => {});
      await (failed.getDb() as unknown as { close: () => Promise<void> }).close().catch(() => {});
      if (!this.#stopping) {
        this.#retry = setTimeout(() => {
          this.#attempt = this.#tryStart();
        }, START_RETRY_MS);
      }
    }
  }

  /** Stops fetching, lets running jobs finish for up to `timeoutMs`, hands back the rest for retry. */
  async stop(timeoutMs: number): Promise<void> {
    this.#stopping = true;
    clearTimeout(this.#retry);
    await this.#attempt;
    clearTimeout(this.#retry);
    if (!this.#started) return;
    this.#started = false;
    await this.#boss.stop({ graceful: true, timeout: Math.max(1000, timeoutMs), wait: true });
  }

  #queue(name: string): string {
    return this.deps.namespace ? `${this.deps.namespace}.${name}` : name;
  }

  #jobOptions(name: string, opts: EnqueueOptions): PgBoss.SendOptions {
    const r = this.#registrations.get(name);
    if (!r) throw new Error(`no queue named ${name} is worked here`);
    return {
      retryLimit: r.policy.retryLimit,
      retryDelay: r.policy.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: r.policy.expireInSeconds,
      ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}),
      ...(opts.startAfter !== undefined ? { startAfter: opts.startAfter } : {}),
    };
  }

  async #startWorking(r: Registration): Promise<void> {
    const queue = this.#queue(r.name);
    await this.#createQueue(queue);
    if (r.cron) await this.#boss.schedule(queue, r.cron, {}, { ...this.#jobOptions(r.name, {}), tz: 'UTC' });
    const run = async (jobs: PgBoss.Job<never>[]) => {
      for (const job of jobs) {
        try {
          await r.handler(job.data);
        } catch (err) {
          this.deps.logger.warn({ queue: r.name, jobId: job.id, reason: (err as Error).message }, 'job failed; it will be retried');
          throw err;
        }
      }
    };
    const ids: string[] = [];
    for (let i = 0; i < r.policy.concurrency; i++) {
      const pollingIntervalSeconds = r.cron ? SCHEDULED_POLL_SECONDS : i === 0 ? POLL_SECONDS : SPARE_POLL_SECONDS;
      ids.push(await this.#boss.work<never>(queue, { pollingIntervalSeconds, batchSize: 1 }, run));
    }
    this.#workers.set(r.name, ids);
  }

  /**
   * Creates the queue if it is missing. Creating one is DDL on pg-boss's partitioned job table:
   * two nodes starting at once on a new database (or test suites sharing one) can deadlock each
   * other there. PostgreSQL aborts one side, which tries again shortly (the queue may exist by then).
   */
  async #createQueue(queue: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#boss.createQueue(queue);
        return;
      } catch (err) {
        if ((err as { code?: string }).code !== DEADLOCK || attempt >= 5) throw err;
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 250 * attempt));
      }
    }
  }

  /** One worker at a time, in turn: enough to start the job now, without every worker polling at once. */
  #wake(name: string): void {
    const ids = this.#workers.get(name);
    if (!this.#started || !ids?.length) return;
    this.#boss.notifyWorker(ids[this.#nextWorker++ % ids.length]);
  }
}

/** pg-boss's statements run on our transaction's connection, with their positional binds. */
function transactionDb(sequelize: Sequelize, t: Transaction): PgBoss.Db {
  return {
    executeSql: async (text, values) => ({
      rows: await sequelize.query(text, {
        bind: (values ?? []).map((v) => (v === undefined ? null : v)),
        transaction: t,
        type: QueryTypes.SELECT,
        raw: true,
      }),
    }),
  };
}

import { Progress } from './progress';
import { sleep } from './stats';

/**
 * Calls `fn` at a constant arrival rate for `seconds` (open loop: a slow answer does not slow
 * the arrivals, as guests at kiosks don't wait for each other). Returns when every call settled.
 */
export async function constantRate(
  ratePerSec: number,
  seconds: number,
  fn: (i: number) => Promise<void>,
  progress?: Progress,
  detail?: () => string,
): Promise<{ started: number; dropped: number }> {
  const total = Math.round(ratePerSec * seconds);
  const start = performanceNow();
  const inflight = new Set<Promise<void>>();
  let dropped = 0;
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / ratePerSec;
    const wait = due - performanceNow();
    if (wait > 1) await sleep(wait);
    // More than this many waiting means the system under test has fallen behind for good.
    if (inflight.size > 2000) {
      dropped++;
      continue;
    }
    const p = fn(i).finally(() => inflight.delete(p));
    inflight.add(p);
    if (progress && i % 10 === 0) progress.update(i, total, detail?.() ?? '');
  }
  await Promise.all(inflight);
  return { started: total - dropped, dropped };
}

export function performanceNow(): number {
  return performance.now();
}

/** Runs `fn` with `concurrency` workers until `seconds` pass; returns completions. */
export async function closedLoop(concurrency: number, seconds: number, fn: () => Promise<void>): Promise<number> {
  const until = performanceNow() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performanceNow() < until) {
        await fn();
        done++;
      }
    }),
  );
  return done;
}

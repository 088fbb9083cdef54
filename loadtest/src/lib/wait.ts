import { sleep } from './stats';

/**
 * Polls `check` every `everyMs` until it holds (true) or `timeoutMs` passes (false): for waits
 * on a state of the system, never a fixed pause. Callers decide whether a timeout is a failure.
 */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(Math.min(everyMs, Math.max(1, deadline - Date.now())));
  }
}

/** Sockets a node holds now (its `dinewire_sockets` gauge); 0 for a node that does not answer. */
export async function socketsOn(nodeUrl: string): Promise<number> {
  try {
    const res = await fetch(`${nodeUrl}/metrics`, { signal: AbortSignal.timeout(2000) });
    const m = /^dinewire_sockets(?:\{[^}]*\})? (\d+)/m.exec(await res.text());
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

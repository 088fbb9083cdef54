import { parentPort, workerData } from 'node:worker_threads';
import { orderBody, SENT_NOTE, type BenchRestaurant } from '../lib/fixtures';
import { Http } from '../lib/http';
import { constantRate } from '../lib/run';

/**
 * The flood scenario's orders, in a worker thread: each carries the moment it was sent in its
 * first item's note, so the screens can time an order from the kiosk's tap to their display
 * (a flood that starves the database delays the commit itself, which commit-to-screen misses).
 */
const data = workerData as { url: string; restaurant: BenchRestaurant; ratePerSec: number; seconds: number; runId: string };

async function main(): Promise<void> {
  const http = new Http(data.url, { spread: 50 });
  let placed = 0;
  let failed = 0;
  const progress = setInterval(() => parentPort!.postMessage({ placed, failed }), 500);
  await constantRate(data.ratePerSec, data.seconds, async (i) => {
    const body = orderBody(data.restaurant, i);
    body.items[0] = { ...body.items[0], note: `${SENT_NOTE}${Date.now()}` };
    try {
      const res = await http.post('/api/v1/orders', body, {
        token: data.restaurant.kioskToken,
        idempotencyKey: `flood-${data.runId}-${i}`,
        timeoutMs: 60_000,
      });
      if (res.status === 201) placed++;
      else failed++;
    } catch {
      failed++;
    }
  });
  clearInterval(progress);
  http.close();
  parentPort!.postMessage({ placed, failed, done: true });
}

void main();

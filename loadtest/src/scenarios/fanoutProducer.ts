import { parentPort, workerData } from 'node:worker_threads';
import type { Order } from '@dinewire/protocol';
import { orderBody, type BenchRestaurant } from '../lib/fixtures';
import { Http } from '../lib/http';
import { constantRate } from '../lib/run';
import { sleep } from '../lib/stats';

/**
 * The fan-out scenario's orders and bumps, in a worker thread: the thread that timestamps
 * deliveries does nothing else, as in the baseline run, so both latencies are measured alike.
 */
const data = workerData as {
  balancer: string;
  restaurants: BenchRestaurant[];
  chefToken: string;
  ratePerSec: number;
  seconds: number;
  runId: string;
};

async function main(): Promise<void> {
  const http = new Http(data.balancer, { spread: 200 });
  let placed = 0;
  const bumps: Promise<unknown>[] = [];
  const progress = setInterval(() => parentPort!.postMessage({ placed }), 500);
  await constantRate(data.ratePerSec, data.seconds, async (i) => {
    const r = data.restaurants[i % data.restaurants.length];
    const res = await http.post<{ order: Order }>('/api/v1/orders', orderBody(r, i), {
      token: r.kioskToken,
      idempotencyKey: `fanout-${data.runId}-${i}`,
    });
    if (res.status !== 201) return;
    placed++;
    // The kitchen starts the first item at once and finishes it a moment later.
    const item = res.body.order.items[0].id;
    bumps.push(
      (async () => {
        await http.post(`/api/v1/kitchen/items/${item}/bump`, {}, { token: data.chefToken });
        await sleep(300);
        await http.post(`/api/v1/kitchen/items/${item}/bump`, {}, { token: data.chefToken });
      })(),
    );
  });
  await Promise.all(bumps);
  clearInterval(progress);
  http.close();
  parentPort!.postMessage({ placed, done: true });
}

void main();

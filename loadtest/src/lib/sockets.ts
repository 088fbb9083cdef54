import { RealtimeClient, type DinewireEvent, type SubscribeRequest, type Subscription } from '@dinewire/protocol';
import { socketsOn, until } from './wait';

/** Loopback has the whole 127/8: spreading source addresses lets nginx's ip-hash spread the screens. */
let nextAddress = 0;
export function loopbackAddress(): string {
  nextAddress = (nextAddress % 250) + 1;
  return `127.0.${Math.floor(nextAddress / 250)}.${(nextAddress % 250) + 2}`;
}

export interface Screen {
  client: RealtimeClient;
  request: SubscribeRequest;
  subscription: Subscription | null;
  subscribed: boolean;
  /** The cursor of the first subscription: events after it are this screen's to receive. */
  startCursor: number;
  /** When the last disconnect happened, and how long until subscribed again. */
  lostAt: number | null;
  reconnects: number[];
  events: DinewireEvent[];
}

/** Opens screens with the shared client library, a few at a time, and waits until all are subscribed. */
export async function openScreens(
  specs: { url: string; token?: string; request: SubscribeRequest; cursor?: number; keepEvents?: boolean; spreadAddress?: boolean }[],
  onEvent: (screen: Screen, event: DinewireEvent) => void,
  progress?: (done: number) => void,
): Promise<Screen[]> {
  const screens: Screen[] = [];
  const batch = 40;
  for (let i = 0; i < specs.length; i += batch) {
    await Promise.all(
      specs.slice(i, i + batch).map(
        (spec) =>
          new Promise<void>((resolve, reject) => {
            const client = new RealtimeClient({
              baseUrl: spec.url,
              token: spec.token,
              transports: ['websocket'],
              socketOptions: spec.spreadAddress ? ({ localAddress: loopbackAddress() } as object) : {},
            });
            const screen: Screen = {
              client,
              request: spec.request,
              subscription: null,
              subscribed: false,
              startCursor: -1,
              lostAt: null,
              reconnects: [],
              events: [],
            };
            client.socket.on('disconnect', () => {
              screen.subscribed = false;
              screen.lostAt ??= Date.now();
            });
            screen.subscription = client.subscribe(
              spec.request,
              {
                onEvent: (e) => {
                  if (spec.keepEvents) screen.events.push(e);
                  onEvent(screen, e);
                },
                onSubscribed: (info) => {
                  if (screen.startCursor < 0) screen.startCursor = info.cursor;
                  if (screen.lostAt !== null) {
                    screen.reconnects.push(Date.now() - screen.lostAt);
                    screen.lostAt = null;
                  }
                  if (!screen.subscribed) {
                    screen.subscribed = true;
                    resolve();
                  }
                },
                onError: (e) => reject(new Error(`subscribe refused: ${e.message}`)),
              },
              spec.cursor,
            );
            screens.push(screen);
          }),
      ),
    );
    progress?.(Math.min(specs.length, i + batch));
  }
  return screens;
}

/** Closes the screens, then waits (up to 10 s) until the nodes at `nodeUrls` hold no socket any more. */
export async function closeScreens(screens: Screen[], nodeUrls: string[]): Promise<void> {
  for (const s of screens) s.client.close();
  await until(async () => (await Promise.all(nodeUrls.map(socketsOn))).every((n) => n === 0), 10_000);
}

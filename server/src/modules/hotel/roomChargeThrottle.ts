import type { Redis } from 'ioredis';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { consumeOrThrow, makeLimiter } from '../../http/limiters';
import { normalisedRoom } from './hotelStays';

/**
 * Self-service room charges that do not match, throttled per room number and per client address:
 * a guest who mistypes gets a few more tries at once, a stranger gets five guesses per room each
 * quarter hour from anywhere and twenty per hour from one address (hotel Wi-Fi may put several
 * honest guests behind one address; they rarely miss at all). Each attempt takes a point before
 * the match (so a burst of parallel guesses cannot all slip past a read-then-count check) and a
 * matching one gives it back.
 */
export const ROOM_ATTEMPTS_PER_ROOM = 5;
export const ROOM_ATTEMPTS_PER_ROOM_SECONDS = 15 * 60;
export const ROOM_ATTEMPTS_PER_ADDRESS = 20;
export const ROOM_ATTEMPTS_PER_ADDRESS_SECONDS = 60 * 60;

export class RoomChargeThrottle {
  readonly #byRoom: RateLimiterAbstract;
  readonly #byAddress: RateLimiterAbstract;

  /** On Redis when the node has it (shared by every node), else in memory (a single node). */
  constructor(redis: Redis | null) {
    this.#byRoom = makeLimiter(redis, {
      keyPrefix: 'room:attempt:room',
      points: ROOM_ATTEMPTS_PER_ROOM,
      duration: ROOM_ATTEMPTS_PER_ROOM_SECONDS,
      blockDuration: ROOM_ATTEMPTS_PER_ROOM_SECONDS,
    });
    this.#byAddress = makeLimiter(redis, {
      keyPrefix: 'room:attempt:address',
      points: ROOM_ATTEMPTS_PER_ADDRESS,
      duration: ROOM_ATTEMPTS_PER_ADDRESS_SECONDS,
      blockDuration: ROOM_ATTEMPTS_PER_ADDRESS_SECONDS,
    });
  }

  /** Takes an attempt of the address and of the room, or throws `rate_limited`. */
  async attempt(roomNumber: string, ip: string): Promise<void> {
    await consumeOrThrow(this.#byAddress, ip);
    await consumeOrThrow(this.#byRoom, normalisedRoom(roomNumber));
  }

  /** A matching attempt is not a miss: its points go back. */
  async matched(roomNumber: string, ip: string): Promise<void> {
    await Promise.allSettled([this.#byAddress.reward(ip), this.#byRoom.reward(normalisedRoom(roomNumber))]);
  }
}

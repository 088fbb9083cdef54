import { createContext } from 'svelte';
import { createSubscriber } from 'svelte/reactivity';

/** The current time, ticking only while something on screen reads it (age timers). */
export class Clock {
  readonly #subscribe: () => void;

  constructor(intervalMs = 1000) {
    this.#subscribe = createSubscriber((update) => {
      const timer = setInterval(update, intervalMs);
      return () => clearInterval(timer);
    });
  }

  get now(): number {
    this.#subscribe();
    return Date.now();
  }
}

export const [getClock, setClock] = createContext<Clock>();

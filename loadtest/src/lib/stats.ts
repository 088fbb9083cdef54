/** Latency samples kept whole (runs are bounded), summarised as percentiles. */
export class Samples {
  #values: number[] = [];
  #sorted = true;

  add(v: number): void {
    this.#values.push(v);
    this.#sorted = false;
  }

  get count(): number {
    return this.#values.length;
  }

  percentile(p: number): number {
    if (!this.#values.length) return NaN;
    if (!this.#sorted) {
      this.#values.sort((a, b) => a - b);
      this.#sorted = true;
    }
    const i = Math.min(this.#values.length - 1, Math.max(0, Math.ceil((p / 100) * this.#values.length) - 1));
    return this.#values[i];
  }

  get max(): number {
    return this.#values.length ? this.percentile(100) : NaN;
  }
}

export const round = (n: number, digits = 1) => (Number.isFinite(n) ? Math.round(n * 10 ** digits) / 10 ** digits : n);

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

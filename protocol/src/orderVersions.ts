/**
 * The newest version a screen holds of each order. An order event may reach a screen twice
 * (live and in a catch-up answer) or late (an older copy after a newer one); its `version`
 * decides, so applying a copy that is not newer changes nothing (REALTIME.md, "The client").
 *
 * Versions of orders the screen no longer shows are kept too, so a late copy cannot bring a
 * closed order back; the least recently changed go first once `memory` orders are held.
 */
export class OrderVersions {
  readonly #versions = new Map<string, number>();

  constructor(private readonly memory = 5000) {}

  /** True, and recorded, when this copy is newer than the one held; false for a repeat or a stale copy. */
  accept(order: { id: string; version: number }): boolean {
    const held = this.#versions.get(order.id);
    if (held !== undefined && order.version <= held) return false;
    // Re-inserted, so that the map's order is the order of the last change.
    this.#versions.delete(order.id);
    this.#versions.set(order.id, order.version);
    if (this.#versions.size > this.memory) {
      const oldest = this.#versions.keys().next().value;
      if (oldest !== undefined) this.#versions.delete(oldest);
    }
    return true;
  }

  /** The version held, if any. */
  get(id: string): number | undefined {
    return this.#versions.get(id);
  }

  /** After a reset: the screen reloads its state and takes the loaded versions afresh. */
  clear(): void {
    this.#versions.clear();
  }
}

import type { TableQrCode } from '@dinewire/protocol';
import type { DiningTable } from '../../models';

/** A table's card on the printed sheet: what its code opens, and the code itself. */
export function presentTableQr(t: DiningTable, code: { url: string; svg: string }): TableQrCode {
  return { id: t.id, name: t.label, seats: t.seats, url: code.url, svg: code.svg };
}

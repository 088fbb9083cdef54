import type { Card, DepositMethod } from '@dinewire/protocol';

/** A card as the guest types it. */
export interface CardEntry {
  number: string;
  month: string;
  year: string;
  cvc: string;
}
/** A room charge as the guest types it: the room, the surname on the stay, the stay's PIN. */
export interface RoomEntry {
  number: string;
  surname: string;
  pin: string;
}

export const emptyCard = (): CardEntry => ({ number: '', month: '', year: '', cvc: '' });
export const emptyRoom = (): RoomEntry => ({ number: '', surname: '', pin: '' });

/** A deposit's payment fields for what was typed (the server names any field it refuses). */
export function depositPayment(
  method: DepositMethod,
  card: CardEntry,
  room: RoomEntry,
): { paymentMethod: DepositMethod; card?: Card; roomNumber?: string; guestName?: string; roomPin?: string } {
  if (method === 'card') {
    return {
      paymentMethod: 'card',
      card: { number: card.number.replace(/\s+/g, ''), expMonth: Number(card.month), expYear: Number(card.year), cvc: card.cvc.trim() },
    };
  }
  return { paymentMethod: 'room', roomNumber: room.number.trim(), guestName: room.surname.trim(), roomPin: room.pin.trim() || undefined };
}

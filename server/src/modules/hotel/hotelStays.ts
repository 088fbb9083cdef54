import crypto from 'node:crypto';
import { Op, type Sequelize, type Transaction } from 'sequelize';
import { decryptPii, encryptPii } from '../../lib/pii';
import { models } from '../../models';
import { hashRoomPin, roomPinMatches } from './roomPins';

/** Names compared the way a guest types them: Unicode-normalised, without case, commas or extra spaces. */
export function normalisedName(name: string): string {
  return name.normalize('NFKC').replace(/,/g, ' ').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Whether what a guest typed names the guest of a stay: the whole name on the booking, or its
 * surname alone. Which end the surname is at depends on how the front desk wrote it (`Chan Tai
 * Man`, `Alice Wong`, `WONG, Alice`), so either end counts; a middle word never does. A name
 * written without spaces (`陳大文`) is matched whole. The PIN, not the name, is what a guest's own
 * device is trusted on; the name only keeps a mistyped room number from charging a stranger.
 */
export function nameMatchesStay(stayName: string, given: string): boolean {
  const stay = normalisedName(stayName);
  const typed = normalisedName(given);
  if (typed === '') return false;
  if (stay === typed) return true;
  const words = stay.split(' ');
  return words.length > 1 && (words[0] === typed || words[words.length - 1] === typed);
}

/** Room numbers as the front desk writes them: trimmed, upper case (`12a` is `12A`). */
export function normalisedRoom(roomNumber: string): string {
  return roomNumber.trim().toUpperCase();
}

/** Today in `timeZone`, `YYYY-MM-DD`: stays are dated in the hotel's days, not the database server's. */
export function localDate(timeZone: string, now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/**
 * Checks a guest in: the name encrypted, the PIN (given to the guest at the desk) kept only as its
 * keyed hash. Returns the stay's id.
 */
export async function checkInGuest(
  sequelize: Sequelize,
  piiKey: Buffer,
  stay: { roomNumber: string; guestName: string; checkIn: string; checkOut: string; pin?: string | null },
  t?: Transaction,
): Promise<string> {
  const id = crypto.randomUUID();
  await models(sequelize).HotelStay.create(
    {
      id,
      roomNumber: normalisedRoom(stay.roomNumber),
      guestNameEnc: encryptPii(piiKey, stay.guestName)!,
      pinHash: stay.pin ? hashRoomPin(piiKey, id, stay.pin) : null,
      checkIn: stay.checkIn,
      checkOut: stay.checkOut,
    },
    { transaction: t },
  );
  return id;
}

/** The in-house stay a room charge names: its id, and whether the PIN given (if any) is its PIN. */
export interface StayMatch {
  stayId: string;
  pinMatches: boolean;
}

/**
 * The current stay (today where the restaurant is) of that room whose guest has that name (there are only a few stays per room, so
 * each is decrypted and compared), preferring one whose PIN matches. Every stay is compared, so the
 * time taken does not tell which part matched.
 */
export async function matchStay(
  sequelize: Sequelize,
  t: Transaction,
  piiKey: Buffer,
  q: { roomNumber: string; guestName: string; pin?: string; timeZone: string },
): Promise<StayMatch | null> {
  const today = localDate(q.timeZone);
  const stays = await models(sequelize).HotelStay.findAll({
    attributes: ['id', 'guestNameEnc', 'pinHash'],
    where: {
      roomNumber: normalisedRoom(q.roomNumber),
      checkIn: { [Op.lte]: today },
      checkOut: { [Op.gte]: today },
    },
    transaction: t,
  });
  let found: StayMatch | null = null;
  for (const s of stays) {
    const nameMatches = nameMatchesStay(decryptPii(piiKey, s.guestNameEnc) ?? '', q.guestName);
    const pinMatches = q.pin !== undefined && roomPinMatches(piiKey, s.id, q.pin, s.pinHash);
    if (nameMatches && (!found || (pinMatches && !found.pinMatches))) found = { stayId: s.id, pinMatches };
  }
  return found;
}

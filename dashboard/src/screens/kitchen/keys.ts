/** What a key of the bump bar (or a keyboard) does on the kitchen screen. */
export type KeyAction =
  | { kind: 'move'; delta: number }
  | { kind: 'first' }
  | { kind: 'last' }
  | { kind: 'bump' }
  | { kind: 'item'; index: number }
  | { kind: 'recall' }
  | { kind: 'rush' }
  | { kind: 'sound' };

/** The keys as the legend shows them. */
export const KEY_LEGEND = [
  { keys: ['↑', '↓', 'J', 'K'], what: 'kitchen.keys.select' },
  { keys: ['Enter', 'Space'], what: 'kitchen.keys.bump' },
  { keys: ['1–9'], what: 'kitchen.keys.item' },
  { keys: ['R'], what: 'kitchen.keys.recall' },
  { keys: ['U'], what: 'kitchen.keys.rush' },
  { keys: ['S'], what: 'kitchen.keys.sound' },
] as const;

/**
 * The action of a key press, or null to leave it to the browser. On a control (a button, a link,
 * a field) Enter and Space are the control's own; modified keys are always the browser's.
 */
export function keyAction(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>,
  onControl: boolean,
  onField = false,
): KeyAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey || onField) return null;
  switch (e.key) {
    case 'ArrowDown':
    case 'ArrowRight':
    case 'j':
    case 'J':
      return { kind: 'move', delta: 1 };
    case 'ArrowUp':
    case 'ArrowLeft':
    case 'k':
    case 'K':
      return { kind: 'move', delta: -1 };
    case 'Home':
      return { kind: 'first' };
    case 'End':
      return { kind: 'last' };
    case 'Enter':
    case ' ':
      return onControl ? null : { kind: 'bump' };
    case 'r':
    case 'R':
    case 'Backspace':
      return { kind: 'recall' };
    case 'u':
    case 'U':
      return { kind: 'rush' };
    case 's':
    case 'S':
      return { kind: 'sound' };
    default:
      return /^[1-9]$/.test(e.key) ? { kind: 'item', index: Number(e.key) - 1 } : null;
  }
}

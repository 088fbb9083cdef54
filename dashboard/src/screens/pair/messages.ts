import type { Messages } from '@dinewire/ui/i18n';

/** The pairing screen's strings, spread into the app's tables (lib/i18n); the others must have exactly these keys. */
export const en = {
  'pair.failed': 'That pairing code is not valid. Ask a manager for a new one.',
  'pair.revoked': 'This screen was unpaired by a manager. Enter a new pairing code.',
} satisfies Messages<string>;

export type Key = keyof typeof en;

export const zhHant: Messages<Key> = {
  'pair.failed': '配對碼無效，請向經理索取新的配對碼。',
  'pair.revoked': '經理已解除此螢幕的配對，請輸入新的配對碼。',
};

export const zhHans: Messages<Key> = {
  'pair.failed': '配对码无效，请向经理索取新的配对码。',
  'pair.revoked': '经理已解除此屏幕的配对，请输入新的配对码。',
};

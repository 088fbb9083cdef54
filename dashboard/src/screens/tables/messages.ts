import type { Locale } from '@dinewire/protocol';
import type { Messages } from '@dinewire/ui/i18n';

/** The table codes screen's strings, spread into the app's tables (lib/i18n); the others must have exactly these keys. */
export const en = {
  'tables.title': 'Table QR codes',
  'tables.hint': 'Print this sheet and put each card on its table. Guests scan the code to open the menu and order for that table.',
  'tables.print': 'Print',
  'tables.count': { one: '{n} table', other: '{n} tables' },
  'tables.empty': 'This restaurant has no tables yet.',
  'tables.seats': { one: '{n} seat', other: '{n} seats' },
  'tables.codeLabel': 'QR code for table {table}',
} satisfies Messages<string>;

export type Key = keyof typeof en;

export const zhHant: Messages<Key> = {
  'tables.title': '餐桌二維碼',
  'tables.hint': '列印此頁，並把每張卡放在對應的餐桌上。客人掃描二維碼即可開啟菜單，為該餐桌點餐。',
  'tables.print': '列印',
  'tables.count': { other: '{n} 張餐桌' },
  'tables.empty': '此餐廳尚未有餐桌。',
  'tables.seats': { other: '{n} 個座位' },
  'tables.codeLabel': '餐桌 {table} 的二維碼',
};

export const zhHans: Messages<Key> = {
  'tables.title': '餐桌二维码',
  'tables.hint': '打印此页，并把每张卡放在对应的餐桌上。客人扫描二维码即可打开菜单，为该餐桌点餐。',
  'tables.print': '打印',
  'tables.count': { other: '{n} 张餐桌' },
  'tables.empty': '此餐厅尚未有餐桌。',
  'tables.seats': { other: '{n} 个座位' },
  'tables.codeLabel': '餐桌 {table} 的二维码',
};

/**
 * "Scan to order" as every card prints it: in all three languages at once, whatever the
 * manager's screen is in, since the guest at the table may read any of them.
 */
export const SCAN_TO_ORDER: Record<Locale, string> = {
  en: 'Scan to order',
  'zh-Hant': '掃碼點餐',
  'zh-Hans': '扫码点餐',
};

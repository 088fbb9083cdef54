import type { Messages } from '@dinewire/ui/i18n';

/** The pairing screen's strings, spread into the app's tables (lib/i18n); the others must have exactly these keys. */
export const en = {
  'pair.failed': 'That pairing code is not valid. Ask a manager for a new one.',
  'pair.revoked': 'This screen was unpaired by a manager. Enter a new pairing code.',
  'pair.kioskCode': 'That code is for a kiosk. Enter it on the kiosk, at /kiosk/pair.',
  'pair.title': 'Pair this screen',
  'pair.intro': 'A manager creates a kitchen screen or pickup board under Devices and gets a pairing code. Enter it here, once.',
  'pair.code': 'Pairing code',
  'pair.codeHint': '8 letters and digits, as shown on the Devices screen',
  'pair.submit': 'Pair',
  'pair.busy': 'Pairing…',
  'pair.current': 'This screen is paired as “{name}”.',
  'pair.open': 'Open its screen',
} satisfies Messages<string>;

export type Key = keyof typeof en;

export const zhHant: Messages<Key> = {
  'pair.failed': '配對碼無效，請向經理索取新的配對碼。',
  'pair.revoked': '經理已解除此螢幕的配對，請輸入新的配對碼。',
  'pair.kioskCode': '此配對碼屬於自助點餐機，請在點餐機的 /kiosk/pair 輸入。',
  'pair.title': '配對此螢幕',
  'pair.intro': '經理在「裝置」頁面建立廚房螢幕或取餐顯示屏後會取得配對碼，請在此輸入一次。',
  'pair.code': '配對碼',
  'pair.codeHint': '8 個字母及數字，與「裝置」頁面顯示的相同',
  'pair.submit': '配對',
  'pair.busy': '配對中…',
  'pair.current': '此螢幕已配對為「{name}」。',
  'pair.open': '開啟其畫面',
};

export const zhHans: Messages<Key> = {
  'pair.failed': '配对码无效，请向经理索取新的配对码。',
  'pair.revoked': '经理已解除此屏幕的配对，请输入新的配对码。',
  'pair.kioskCode': '此配对码属于自助点餐机，请在点餐机的 /kiosk/pair 输入。',
  'pair.title': '配对此屏幕',
  'pair.intro': '经理在“设备”页面创建厨房屏幕或取餐显示屏后会获得配对码，请在此输入一次。',
  'pair.code': '配对码',
  'pair.codeHint': '8 个字母及数字，与“设备”页面显示的相同',
  'pair.submit': '配对',
  'pair.busy': '配对中…',
  'pair.current': '此屏幕已配对为“{name}”。',
  'pair.open': '打开其画面',
};

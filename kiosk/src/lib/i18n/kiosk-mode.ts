/**
 * Kiosk mode's strings (pairing, the attract screen, the idle question), spread into each
 * language's table. The three tables must have the same keys (checked by their types).
 */
export const kioskModeEn = {
  'pair.title': 'Pair this kiosk',
  'pair.intro': 'Enter the code a manager was shown when adding this kiosk on the Devices screen.',
  'pair.code': 'Pairing code',
  'pair.codeHint': 'Eight letters and digits. Spaces and dashes don’t matter.',
  'pair.submit': 'Pair kiosk',
  'pair.busy': 'Pairing…',
  'pair.failed': 'That code is unknown or has expired. Ask a manager for a new one.',
  'pair.staffCode': 'This code pairs a kitchen screen or a pickup board: enter it at /dashboard/pair.',
  'pair.revoked': 'A manager unpaired this kiosk. Enter a new code to pair it again.',
  'pair.current': 'This screen is the kiosk “{name}”.',
  'pair.open': 'Open its menu',

  'attract.welcome': 'Welcome',
  'attract.start': 'Tap to start your order',
  'attract.hint': 'Choose and pay here, then collect your order at the counter when your number is called.',
  'attract.language': 'Language',

  'idle.title': 'Still there?',
  'idle.body': {
    one: 'We’ll start over in {n} second and clear this order.',
    other: 'We’ll start over in {n} seconds and clear this order.',
  },
  'idle.stay': 'I’m still here',
  'idle.restart': 'Start over',
} as const;

type KioskModeKey = keyof typeof kioskModeEn;
type KioskModeTable = { readonly [K in KioskModeKey]: string | { readonly one?: string; readonly other: string } };

export const kioskModeZhHant: KioskModeTable = {
  'pair.title': '配對此自助點餐機',
  'pair.intro': '請輸入經理在「裝置」頁面新增此點餐機時看到的配對碼。',
  'pair.code': '配對碼',
  'pair.codeHint': '八個字母及數字，空格及連字號不影響。',
  'pair.submit': '配對點餐機',
  'pair.busy': '配對中…',
  'pair.failed': '配對碼無效或已過期，請向經理索取新的配對碼。',
  'pair.staffCode': '此配對碼用於廚房螢幕或取餐顯示板，請在 /dashboard/pair 輸入。',
  'pair.revoked': '經理已解除此點餐機的配對，請輸入新的配對碼重新配對。',
  'pair.current': '此螢幕是點餐機「{name}」。',
  'pair.open': '開啟其菜單',

  'attract.welcome': '歡迎光臨',
  'attract.start': '輕觸開始點餐',
  'attract.hint': '點餐付款後，叫號時請到櫃檯取餐。',
  'attract.language': '語言',

  'idle.title': '還在嗎？',
  'idle.body': { other: '{n} 秒後將重新開始，並清除此訂單。' },
  'idle.stay': '我還在',
  'idle.restart': '重新開始',
};

export const kioskModeZhHans: KioskModeTable = {
  'pair.title': '配对此自助点餐机',
  'pair.intro': '请输入经理在“设备”页面添加此点餐机时看到的配对码。',
  'pair.code': '配对码',
  'pair.codeHint': '八个字母及数字，空格及连字符不影响。',
  'pair.submit': '配对点餐机',
  'pair.busy': '配对中…',
  'pair.failed': '配对码无效或已过期，请向经理索取新的配对码。',
  'pair.staffCode': '此配对码用于厨房屏幕或取餐显示屏，请在 /dashboard/pair 输入。',
  'pair.revoked': '经理已解除此点餐机的配对，请输入新的配对码重新配对。',
  'pair.current': '此屏幕是点餐机“{name}”。',
  'pair.open': '打开其菜单',

  'attract.welcome': '欢迎光临',
  'attract.start': '轻触开始点餐',
  'attract.hint': '点餐付款后，叫号时请到柜台取餐。',
  'attract.language': '语言',

  'idle.title': '还在吗？',
  'idle.body': { other: '{n} 秒后将重新开始，并清除此订单。' },
  'idle.stay': '我还在',
  'idle.restart': '重新开始',
};

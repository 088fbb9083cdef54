/** A table's QR code: which table the guest orders for (spread into the kiosk's tables in lib/i18n). */
export const tableEn = {
  'table.for': 'Ordering for table {label}',
  'table.unknown':
    'We couldn’t find the table this QR code names. You can still order and collect at the counter, or ask our staff for help.',
};

type TableTable = Record<keyof typeof tableEn, string>;

export const tableZhHant: TableTable = {
  'table.for': '為 {label} 號桌點餐',
  'table.unknown': '找不到此二維碼所指的餐桌。您仍可點餐並到櫃檯取餐，或向職員查詢。',
};

export const tableZhHans: TableTable = {
  'table.for': '为 {label} 号桌点餐',
  'table.unknown': '找不到此二维码所指的餐桌。您仍可点餐并到柜台取餐，或向职员查询。',
};

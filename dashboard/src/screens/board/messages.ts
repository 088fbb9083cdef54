import type { Messages } from '@dinewire/ui/i18n';

/** The pickup board's strings, spread into the app's tables (lib/i18n); the others must have exactly these keys. */
export const en = {
  'pickup.title': 'Pickup board',
  'pickup.preparing': 'Preparing',
  'pickup.ready': 'Ready',
  'pickup.readyHint': 'Please collect at the counter',
  'pickup.noneReady': 'Nothing waiting',
  'pickup.nonePreparing': 'No orders in the kitchen',
  'pickup.number': 'Order {number}',
  'pickup.more': { one: '+{n} more', other: '+{n} more' },
} satisfies Messages<string>;

export type Key = keyof typeof en;

export const zhHant: Messages<Key> = {
  'pickup.title': '取餐顯示屏',
  'pickup.preparing': '準備中',
  'pickup.ready': '請取餐',
  'pickup.readyHint': '請到櫃檯取餐',
  'pickup.noneReady': '暫無待取餐點',
  'pickup.nonePreparing': '廚房暫無訂單',
  'pickup.number': '訂單 {number}',
  'pickup.more': { other: '另有 {n} 張' },
};

export const zhHans: Messages<Key> = {
  'pickup.title': '取餐显示屏',
  'pickup.preparing': '准备中',
  'pickup.ready': '请取餐',
  'pickup.readyHint': '请到柜台取餐',
  'pickup.noneReady': '暂无待取餐点',
  'pickup.nonePreparing': '厨房暂无订单',
  'pickup.number': '订单 {number}',
  'pickup.more': { other: '另有 {n} 张' },
};

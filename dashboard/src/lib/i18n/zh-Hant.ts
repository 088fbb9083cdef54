import type { Messages } from './en';
import { zhHant as kitchenHant } from '../../screens/kitchen/messages';
import { zhHant as expoHant } from '../../screens/expo/messages';
import { zhHant as boardHant } from '../../screens/board/messages';
import { zhHant as liveHant } from '../../screens/live/messages';
import { zhHant as inventoryHant } from '../../screens/inventory/messages';
import { zhHant as devicesHant } from '../../screens/devices/messages';
import { zhHant as tablesHant } from '../../screens/tables/messages';
import { zhHant as pairHant } from '../../screens/pair/messages';
import { zhHant as hostHant } from '../../screens/host/messages';

export const zhHant: Messages = {
  ...kitchenHant,
  ...expoHant,
  ...boardHant,
  ...liveHant,
  ...inventoryHant,
  ...devicesHant,
  ...tablesHant,
  ...pairHant,
  ...hostHant,

  'app.name': 'Dinewire',
  'app.section': '員工',

  'login.title': '員工登入',
  'login.email': '電郵',
  'login.password': '密碼',
  'login.submit': '登入',
  'login.busy': '登入中…',
  'login.failed': '電郵或密碼錯誤。',
  'login.noStaffAccess': '此帳戶無法使用員工畫面。',
  'login.expired': '登入已逾時，請重新登入。',

  'session.signedInAs': '已登入：{name}',
  'session.logout': '登出',

  'role.manager': '經理',
  'role.kitchen': '廚房',
  'role.host': '接待',
  'role.guest': '賓客',

  'picker.title': '選擇餐廳',
  'picker.empty': '您的帳戶未連結任何餐廳。',
  'picker.openScreen': '開啟{restaurant}的{screen}',
  'nav.label': '{restaurant}的畫面',
  'nav.kitchen': '廚房',
  'nav.expo': '出餐',
  'nav.board': '取餐看板',
  'nav.live': '即時概況',
  'nav.inventory': '庫存',
  'nav.devices': '裝置',
  'nav.tables': '餐桌二維碼',
  'session.device': '已配對螢幕：{name}',

  'board.title': '訂單',
  'board.change': '切換餐廳',
  'board.columnEmpty': '沒有訂單',
  'board.count': { other: '{n} 張訂單' },
  'board.reloaded': '長時間斷線後已重新載入。',

  'status.placed': '已下單',
  'status.preparing': '準備中',
  'status.ready': '可取餐',
  'status.completed': '已完成',
  'status.cancelled': '已取消',

  'item.queued': '排隊中',
  'item.cooking': '烹調中',
  'item.ready': '已備好',
  'item.served': '已上菜',
  'item.cancelled': '已取消',

  'channel.kiosk': '自助機',
  'channel.web': '網上',
  'channel.staff': '員工',
  'channel.room': '客房送餐',

  'order.heading': '訂單 {number}',
  'order.age': '已等候 {age}',
  'order.room': '房間 {room}',
  'order.items': '菜式',
  'order.quantity': '{qty} ×',

  'event.order.created': '新訂單',
  'event.order.updated': '訂單更新',
  'event.menu.availability': '供應狀態',
  'event.inventory.low': '庫存不足',
  'event.inventory.adjusted': '庫存調整',
  'event.reservation.created': '新訂座',
  'event.reservation.updated': '訂座變更',
  'event.unknown': '事件',

  'alerts.title': '提示',
  'alerts.empty': '沒有提示。',
  'alerts.dismiss': '關閉',
  'alert.soldOut': '{dish} 已售罄',
  'alert.lowPortions': '{dish}：僅餘 {n} 份',
  'alert.lowStock': '庫存不足：{name}，尚餘 {quantity} {unit}（警示水平 {threshold}）',
};

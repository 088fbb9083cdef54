import type { Messages } from './en';
import { zhHans as kitchenHans } from '../../screens/kitchen/messages';
import { zhHans as expoHans } from '../../screens/expo/messages';
import { zhHans as boardHans } from '../../screens/board/messages';
import { zhHans as liveHans } from '../../screens/live/messages';
import { zhHans as inventoryHans } from '../../screens/inventory/messages';
import { zhHans as devicesHans } from '../../screens/devices/messages';
import { zhHans as tablesHans } from '../../screens/tables/messages';
import { zhHans as pairHans } from '../../screens/pair/messages';
import { zhHans as hostHans } from '../../screens/host/messages';

export const zhHans: Messages = {
  ...kitchenHans,
  ...expoHans,
  ...boardHans,
  ...liveHans,
  ...inventoryHans,
  ...devicesHans,
  ...tablesHans,
  ...pairHans,
  ...hostHans,

  'app.name': 'Dinewire',
  'app.section': '员工',

  'login.title': '员工登录',
  'login.email': '邮箱',
  'login.password': '密码',
  'login.submit': '登录',
  'login.busy': '登录中…',
  'login.failed': '邮箱或密码错误。',
  'login.noStaffAccess': '此账户无法使用员工界面。',
  'login.expired': '登录已过期，请重新登录。',

  'session.signedInAs': '已登录：{name}',
  'session.logout': '退出登录',

  'role.manager': '经理',
  'role.kitchen': '厨房',
  'role.host': '接待',
  'role.guest': '宾客',

  'picker.title': '选择餐厅',
  'picker.empty': '您的账户未关联任何餐厅。',
  'picker.openScreen': '打开{restaurant}的{screen}',
  'nav.label': '{restaurant}的画面',
  'nav.kitchen': '厨房',
  'nav.expo': '出餐',
  'nav.board': '取餐看板',
  'nav.live': '实时概况',
  'nav.inventory': '库存',
  'nav.devices': '设备',
  'nav.tables': '餐桌二维码',
  'session.device': '已配对屏幕：{name}',

  'board.title': '订单',
  'board.change': '切换餐厅',
  'board.columnEmpty': '没有订单',
  'board.count': { other: '{n} 个订单' },
  'board.reloaded': '长时间断线后已重新加载。',

  'status.placed': '已下单',
  'status.preparing': '准备中',
  'status.ready': '可取餐',
  'status.completed': '已完成',
  'status.cancelled': '已取消',

  'item.queued': '排队中',
  'item.cooking': '烹饪中',
  'item.ready': '已备好',
  'item.served': '已上菜',
  'item.cancelled': '已取消',

  'channel.kiosk': '自助机',
  'channel.web': '线上',
  'channel.staff': '员工',
  'channel.room': '客房送餐',

  'order.heading': '订单 {number}',
  'order.age': '已等待 {age}',
  'order.room': '房间 {room}',
  'order.items': '菜品',
  'order.quantity': '{qty} ×',

  'event.order.created': '新订单',
  'event.order.updated': '订单更新',
  'event.menu.availability': '供应状态',
  'event.inventory.low': '库存不足',
  'event.inventory.adjusted': '库存调整',
  'event.reservation.created': '新预订',
  'event.reservation.updated': '预订变更',
  'event.unknown': '事件',

  'alerts.title': '提醒',
  'alerts.empty': '没有提醒。',
  'alerts.dismiss': '关闭',
  'alert.soldOut': '{dish} 已售罄',
  'alert.lowPortions': '{dish}：仅剩 {n} 份',
  'alert.lowStock': '库存不足：{name}，剩余 {quantity} {unit}（提醒阈值 {threshold}）',
};

import type { Messages as Table } from '@dinewire/ui/i18n';
import { en as kitchenEn } from '../../screens/kitchen/messages';
import { en as expoEn } from '../../screens/expo/messages';
import { en as boardEn } from '../../screens/board/messages';
import { en as liveEn } from '../../screens/live/messages';
import { en as inventoryEn } from '../../screens/inventory/messages';
import { en as devicesEn } from '../../screens/devices/messages';
import { en as tablesEn } from '../../screens/tables/messages';
import { en as pairEn } from '../../screens/pair/messages';
import { en as hostEn } from '../../screens/host/messages';

/**
 * English: the reference table of this app's own strings (the shared components' live in
 * @dinewire/ui, and may be reworded here); the others must have exactly these keys.
 */
export const en = {
  ...kitchenEn,
  ...expoEn,
  ...boardEn,
  ...liveEn,
  ...inventoryEn,
  ...devicesEn,
  ...tablesEn,
  ...pairEn,
  ...hostEn,

  'app.name': 'Dinewire',
  'app.section': 'Staff',

  'login.title': 'Staff sign in',
  'login.email': 'Email',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.busy': 'Signing in…',
  'login.failed': 'Wrong email or password.',
  'login.noStaffAccess': 'This account has no access to staff screens.',
  'login.expired': 'Your session has ended. Please sign in again.',

  'session.signedInAs': 'Signed in as {name}',
  'session.logout': 'Sign out',

  'role.manager': 'Manager',
  'role.kitchen': 'Kitchen',
  'role.host': 'Host',
  'role.guest': 'Guest',

  'picker.title': 'Choose a restaurant',
  'picker.empty': 'Your account is not linked to any restaurant.',
  'picker.openScreen': 'Open {screen} of {restaurant}',
  'nav.label': 'Screens of {restaurant}',
  'nav.kitchen': 'Kitchen',
  'nav.expo': 'Expo',
  'nav.board': 'Pickup board',
  'nav.live': 'Live view',
  'nav.inventory': 'Inventory',
  'nav.devices': 'Devices',
  'nav.tables': 'Table QR codes',
  'session.device': 'Paired screen: {name}',

  'board.title': 'Orders',
  'board.change': 'Change restaurant',
  'board.columnEmpty': 'No orders',
  'board.count': { one: '{n} order', other: '{n} orders' },
  'board.reloaded': 'Reloaded after a long disconnection.',

  'status.placed': 'Placed',
  'status.preparing': 'Preparing',
  'status.ready': 'Ready',
  'status.completed': 'Completed',
  'status.cancelled': 'Cancelled',

  'item.queued': 'Queued',
  'item.cooking': 'Cooking',
  'item.ready': 'Ready',
  'item.served': 'Served',
  'item.cancelled': 'Cancelled',

  'channel.kiosk': 'Kiosk',
  'channel.web': 'Online',
  'channel.staff': 'Staff',
  'channel.room': 'Room service',

  'order.heading': 'Order {number}',
  'order.age': 'Waiting for {age}',
  'order.room': 'Room {room}',
  'order.items': 'Items',
  'order.quantity': '{qty} ×',

  'event.order.created': 'New order',
  'event.order.updated': 'Order updated',
  'event.menu.availability': 'Availability',
  'event.inventory.low': 'Low stock',
  'event.inventory.adjusted': 'Stock adjusted',
  'event.reservation.created': 'New booking',
  'event.reservation.updated': 'Booking changed',
  'event.unknown': 'Event',

  'alerts.title': 'Alerts',
  'alerts.empty': 'No alerts.',
  'alerts.dismiss': 'Dismiss',
  'alert.soldOut': '{dish} is sold out',
  'alert.lowPortions': '{dish}: only {n} left',
  'alert.lowStock': 'Low stock: {name}, {quantity} {unit} left (alert at {threshold})',
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Table<MessageKey>;

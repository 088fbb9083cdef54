import type { Locale } from '@dinewire/protocol';
import type { Messages } from './format';

/**
 * The strings of the shared components (connection, languages, loading, errors, not found) and
 * of the codes every app shows (cuisines, areas).
 * English is the reference; an app's own table may give any of these keys its own wording.
 */
const en = {
  'lang.label': 'Language',

  'conn.connecting': 'Connecting…',
  'conn.live': 'Live',
  'conn.catching_up': 'Catching up…',
  'conn.reconnecting': 'Reconnecting…',
  'conn.offline': 'Offline',
  'conn.since': 'offline since {time}',

  'load.loading': 'Loading…',
  'load.retry': 'Try again',

  'error.network': 'The server cannot be reached.',
  'error.unauthenticated': 'Please sign in again.',
  'error.forbidden': 'Your account may not see this.',
  'error.not_found': 'Not found.',
  'error.rate_limited': 'Too many requests. Wait a moment and try again.',
  'error.unavailable': 'The server is busy or restarting. Try again shortly.',
  'error.validation': 'Please check the highlighted fields.',
  'error.generic': 'Something went wrong ({code}).',

  'notFound.title': 'There is no screen at this address.',
  'notFound.home': 'Go to the start',

  // Restaurants' cuisines and areas as the menu data names them (every app lists restaurants).
  'cuisine.cantonese': 'Cantonese',
  'cuisine.western': 'Western',
  'cuisine.japanese': 'Japanese',
  'area.lobby': 'Lobby',
  'area.rooftop': 'Rooftop',
  'area.level_3': 'Level 3',
} as const;

export type UiMessageKey = keyof typeof en;

const zhHant: Messages<UiMessageKey> = {
  'lang.label': '語言',

  'conn.connecting': '連線中…',
  'conn.live': '即時',
  'conn.catching_up': '同步中…',
  'conn.reconnecting': '重新連線中…',
  'conn.offline': '離線',
  'conn.since': '自 {time} 起離線',

  'load.loading': '載入中…',
  'load.retry': '再試一次',

  'error.network': '無法連接伺服器。',
  'error.unauthenticated': '請重新登入。',
  'error.forbidden': '您的帳戶無權查看此內容。',
  'error.not_found': '找不到。',
  'error.rate_limited': '請求過於頻繁，請稍候再試。',
  'error.unavailable': '伺服器繁忙或正在重新啟動，請稍後再試。',
  'error.validation': '請檢查標示的欄位。',
  'error.generic': '發生錯誤（{code}）。',

  'notFound.title': '此網址沒有對應的畫面。',
  'notFound.home': '回到首頁',

  'cuisine.cantonese': '粵菜',
  'cuisine.western': '西式',
  'cuisine.japanese': '日本料理',
  'area.lobby': '大堂',
  'area.rooftop': '天台',
  'area.level_3': '三樓',
};

const zhHans: Messages<UiMessageKey> = {
  'lang.label': '语言',

  'conn.connecting': '连接中…',
  'conn.live': '实时',
  'conn.catching_up': '同步中…',
  'conn.reconnecting': '重新连接中…',
  'conn.offline': '离线',
  'conn.since': '自 {time} 起离线',

  'load.loading': '加载中…',
  'load.retry': '重试',

  'error.network': '无法连接服务器。',
  'error.unauthenticated': '请重新登录。',
  'error.forbidden': '您的账户无权查看此内容。',
  'error.not_found': '未找到。',
  'error.rate_limited': '请求过于频繁，请稍候再试。',
  'error.unavailable': '服务器繁忙或正在重启，请稍后再试。',
  'error.validation': '请检查标示的字段。',
  'error.generic': '出现错误（{code}）。',

  'notFound.title': '此网址没有对应的页面。',
  'notFound.home': '返回首页',

  'cuisine.cantonese': '粤菜',
  'cuisine.western': '西式',
  'cuisine.japanese': '日本料理',
  'area.lobby': '大堂',
  'area.rooftop': '天台',
  'area.level_3': '三楼',
};

export const uiMessages: Record<Locale, Messages<UiMessageKey>> = { en, 'zh-Hant': zhHant, 'zh-Hans': zhHans };

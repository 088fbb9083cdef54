/**
 * Strings of what helps a guest along the order: "goes well with" suggestions (upsell) and the
 * accessibility mode that brings the controls within reach. Spread into each language's table;
 * the three must have the same keys (checked by their types).
 */
export const guestAidsEn = {
  'upsell.title': 'Goes well with {name}',
  'upsell.checkoutTitle': 'Goes well with your order',
  'upsell.dismiss': 'No, thanks',
  'upsell.announce': 'Goes well with {name}: {list}.',

  'reach.toggle': 'Lower controls',
} as const;

type GuestAidsKey = keyof typeof guestAidsEn;
type GuestAidsTable = { readonly [K in GuestAidsKey]: string | { readonly one?: string; readonly other: string } };

export const guestAidsZhHant: GuestAidsTable = {
  'upsell.title': '{name}的推薦搭配',
  'upsell.checkoutTitle': '為您的訂單推薦搭配',
  'upsell.dismiss': '不用了，謝謝',
  'upsell.announce': '{name}的推薦搭配：{list}。',

  'reach.toggle': '降低操作位置',
};

export const guestAidsZhHans: GuestAidsTable = {
  'upsell.title': '{name}的推荐搭配',
  'upsell.checkoutTitle': '为您的订单推荐搭配',
  'upsell.dismiss': '不用了，谢谢',
  'upsell.announce': '{name}的推荐搭配：{list}。',

  'reach.toggle': '降低操作位置',
};

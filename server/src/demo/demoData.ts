/**
 * The demo hotel: three restaurants of different cuisines, areas and price levels, with
 * menus, stations, tables, stock, recipes, promotions and booking rules, in English,
 * Traditional Chinese and Simplified Chinese. Pure data; `demoSeeder.ts` writes it. Its
 * pictures are files under server/media, named by slug.
 *
 * Money is in HKD minor units (cents). Stock quantities and recipe quantities are in the
 * ingredient's unit, recipe quantities per portion.
 */

import type { BookingPolicy } from '@dinewire/protocol';

export type Locale = 'en' | 'zh-Hant' | 'zh-Hans';
export type Localized = Record<Locale, string>;

// The menu's allergen codes are the protocol's: a guest's profile names them too.
import { ALLERGENS, type Allergen } from '@dinewire/protocol';
export { ALLERGENS, type Allergen };

export const TASTE_TAGS = ['spicy', 'sweet', 'savory', 'sour', 'umami'] as const;
export const DIETARY_TAGS = ['vegetarian', 'vegan', 'gluten-free', 'halal', 'signature', 'seasonal'] as const;
export type DishTag = (typeof TASTE_TAGS)[number] | (typeof DIETARY_TAGS)[number];

export type StockUnit = 'g' | 'ml' | 'pc' | 'portion';

export interface OpeningHours {
  /** 0 = Sunday … 6 = Saturday; local `HH:MM`. */
  day: number;
  opens: string;
  closes: string;
}

/** Table-booking rules (stored as `restaurants.cancellation_policy`; protocol's BookingPolicySchema). */
export type CancellationPolicy = BookingPolicy;

export interface DemoStation {
  key: string;
  names: Localized;
}

export interface DemoTable {
  label: string;
  seats: number;
  /** Tables of one join group may be put together for a larger party. */
  joinGroup?: string;
}

export interface DemoCategory {
  key: string;
  names: Localized;
}

export interface DemoIngredient {
  key: string;
  names: Localized;
  unit: StockUnit;
  /** Opening stock. */
  quantity: number;
  lowThreshold: number;
}

export interface DemoModifierOption {
  names: Localized;
  priceDeltaCents: number;
}

export interface DemoModifierGroup {
  names: Localized;
  /** 0 = optional; 1 or more = required. */
  minChoices: number;
  maxChoices: number;
  options: DemoModifierOption[];
}

export interface DemoRecipeLine {
  /** An ingredient key of the same restaurant. */
  ingredient: string;
  /** Per portion, in the ingredient's unit. */
  quantity: number;
}

export interface DemoDish {
  names: Localized;
  descriptions: Localized;
  /** A category key of the same restaurant. */
  category: string;
  /** A station key of the same restaurant. */
  station: string;
  priceCents: number;
  tags: DishTag[];
  allergens: Allergen[];
  spiceLevel: 0 | 1 | 2 | 3 | 4 | 5;
  modifiers: DemoModifierGroup[];
  /** Empty: stock is not tracked for this dish (its `remaining` is null). */
  recipe: DemoRecipeLine[];
}

/** A promotion rule (see modules/promotions/engine.ts for how rules apply and stack). */
export interface DemoPromotion {
  /** A unique key within the restaurant (what checks and tests name it by). */
  key: string;
  /** Null: applies by itself; else only when the guest types it. */
  code: string | null;
  names: Localized;
  /** 'percent': `value` is a whole percentage (10 = 10% off); 'amount': cents off; 'free_item': portions of `freeDish`. */
  kind: 'percent' | 'amount' | 'free_item';
  value: number;
  minSubtotalCents: number;
  /** 'percent' only: a category key; its lines only. */
  category?: string;
  /** 'free_item': the dish's slug (dishSlug) in the same restaurant. */
  freeDish?: string;
  channels?: ('kiosk' | 'web' | 'staff' | 'room')[];
  /** A weekly window in the restaurant's time zone: days (0 = Sunday), 'HH:MM' from (included) to (excluded). */
  window?: { days: number[]; from: string; to: string };
  priority?: number;
  stackable?: boolean;
  perGuestLimit?: number;
}

export interface DemoRestaurant {
  slug: string;
  names: Localized;
  descriptions: Localized;
  cuisine: string;
  area: string;
  priceLevel: 1 | 2 | 3 | 4;
  timeZone: string;
  currency: string;
  taxRateBps: number;
  serviceChargeBps: number;
  openingHours: OpeningHours[];
  cancellationPolicy: CancellationPolicy;
  /** Room charges from a guest's device without the stay's PIN wait for a host or manager to confirm. */
  holdRoomCharges?: boolean;
  /** Minutes after which a kitchen ticket turns amber, then red (a café turns faster than a tasting kitchen). */
  ticketAges: { amberMinutes: number; redMinutes: number };
  /** Listing order; the first restaurant (sort 0) is the one chef@ and host@ work in. */
  sort: number;
  stations: DemoStation[];
  tables: DemoTable[];
  categories: DemoCategory[];
  ingredients: DemoIngredient[];
  dishes: DemoDish[];
  promotions: DemoPromotion[];
}

export interface DemoAccount {
  email: string;
  name: string;
  role: 'manager' | 'kitchen' | 'host' | 'guest';
  phone?: string;
  /** Which restaurants a staff account works in. */
  restaurants: 'all' | 'first' | 'none';
}

export interface DemoHotelStay {
  roomNumber: string;
  guestName: string;
  /** The PIN the desk gave at check-in (README lists them). */
  pin: string;
  /** `YYYY-MM-DD`, hotel-local. */
  checkIn: string;
  checkOut: string;
}

// ------------------------------------------------------------------ helpers

function l(en: string, zhHant: string, zhHans: string): Localized {
  return { en, 'zh-Hant': zhHant, 'zh-Hans': zhHans };
}

function everyDay(opens: string, closes: string): OpeningHours[] {
  return [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, opens, closes }));
}

function tables(prefix: string, seats: number[], start = 1, joinGroup?: string): DemoTable[] {
  return seats.map((n, i) => ({ label: `${prefix}${start + i}`, seats: n, ...(joinGroup ? { joinGroup } : {}) }));
}

/** Lowercase ASCII words joined by hyphens: the slug of a dish's or restaurant's picture. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['\u2019]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
}

export function dishSlug(dish: DemoDish): string {
  return slugify(dish.names.en);
}

const sizeRegularLarge = (largeDeltaCents: number): DemoModifierGroup => ({
  names: l('Size', '份量', '份量'),
  minChoices: 1,
  maxChoices: 1,
  options: [
    { names: l('Regular', '例牌', '例牌'), priceDeltaCents: 0 },
    { names: l('Large (for sharing)', '大份（適合分享）', '大份（适合分享）'), priceDeltaCents: largeDeltaCents },
  ],
});

const spiceChoice: DemoModifierGroup = {
  names: l('Spice level', '辣度', '辣度'),
  minChoices: 1,
  maxChoices: 1,
  options: [
    { names: l('Mild', '小辣', '微辣'), priceDeltaCents: 0 },
    { names: l('Medium', '中辣', '中辣'), priceDeltaCents: 0 },
    { names: l('Hot', '大辣', '特辣'), priceDeltaCents: 0 },
  ],
};

const doneness: DemoModifierGroup = {
  names: l('Doneness', '生熟程度', '熟度'),
  minChoices: 1,
  maxChoices: 1,
  options: [
    { names: l('Rare', '一成熟', '一分熟'), priceDeltaCents: 0 },
    { names: l('Medium rare', '三成熟', '三分熟'), priceDeltaCents: 0 },
    { names: l('Medium', '五成熟', '五分熟'), priceDeltaCents: 0 },
    { names: l('Medium well', '七成熟', '七分熟'), priceDeltaCents: 0 },
    { names: l('Well done', '全熟', '全熟'), priceDeltaCents: 0 },
  ],
};

/** A code, for everyone, every time; it stacks with the automatic offers. */
const welcome10: DemoPromotion = {
  key: 'welcome10',
  code: 'WELCOME10',
  names: l('Welcome offer: 10% off', '迎新優惠：九折', '迎新优惠：九折'),
  kind: 'percent',
  value: 10,
  minSubtotalCents: 0,
  priority: 10,
};

/** A code once per guest account (limited promotions are for signed-in guests only). */
const firstOrder: DemoPromotion = {
  key: 'first-order',
  code: 'FIRSTORDER',
  names: l('First order: HK$30 off', '首單優惠：減HK$30', '首单优惠：减HK$30'),
  kind: 'amount',
  value: 3000,
  minSubtotalCents: 10000,
  perGuestLimit: 1,
  priority: 5,
};

/** Automatic: spend X, save Y (the cart hints toward it). */
function spendAndSave(key: string, spendHkd: number, saveHkd: number): DemoPromotion {
  return {
    key,
    code: null,
    names: l(`Spend HK$${spendHkd}, save HK$${saveHkd}`, `滿HK$${spendHkd}減HK$${saveHkd}`, `满HK$${spendHkd}减HK$${saveHkd}`),
    kind: 'amount',
    value: saveHkd * 100,
    minSubtotalCents: spendHkd * 100,
    priority: 0,
  };
}

// ------------------------------------------------------------------ the hotel

export const DEMO_HOTEL = {
  names: l('Harbourview Grand Hotel', '港景大酒店', '港景大酒店'),
  timeZone: 'Asia/Hong_Kong',
  currency: 'HKD',
} as const;

/** Hong Kong: no sales tax; restaurants add a 10% service charge. */
const HK = { timeZone: DEMO_HOTEL.timeZone, currency: DEMO_HOTEL.currency, taxRateBps: 0, serviceChargeBps: 1000 };

// ------------------------------------------------------------------ 1. Jade Harbour (Cantonese)

const jadeHarbour: DemoRestaurant = {
  slug: 'jade-harbour',
  ticketAges: { amberMinutes: 8, redMinutes: 12 },
  names: l('Jade Harbour', '翠港軒', '翠港轩'),
  descriptions: l(
    'Classic Cantonese cooking overlooking Victoria Harbour: handmade dim sum steamed to order and roast meats from our open barbecue kitchen.',
    '坐擁維港景致的經典粵菜廳，手工點心即點即蒸，燒味由開放式燒味房每日新鮮出爐。',
    '坐拥维港景致的经典粤菜厅，手工点心即点即蒸，烧味由开放式烧味房每日新鲜出炉。',
  ),
  cuisine: 'Cantonese',
  area: 'Level 3',
  priceLevel: 3,
  ...HK,
  // dim sum from 10:00 at weekends
  openingHours: [0, 1, 2, 3, 4, 5, 6].map((day) => ({
    day,
    opens: day === 0 || day === 6 ? '10:00' : '11:30',
    closes: '22:30',
  })),
  cancellationPolicy: {
    freeCancelHours: 24,
    lateCancelFeePercent: 50,
    noShowFeePercent: 100,
    // a deposit only where a no-show costs the kitchen: banquets, and the weekend's dim sum rush
    depositPerGuestCents: 0,
    depositRules: [
      { fromPartySize: 6, perGuestCents: 5000 },
      { days: [0, 6], perGuestCents: 2000 },
    ],
    modifyUntilHours: 4,
    bookingLeadMinutes: 60,
    bookingHorizonDays: 60,
    slotMinutes: 15,
    stayMinutes: 120,
    // a couple's dim sum is quicker than a family banquet
    stayMinutesByPartySize: [{ upToPartySize: 2, minutes: 90 }],
    minPartySize: 1,
    maxPartySize: 12,
    coversPerSlot: 24,
  },
  sort: 0,
  // host@ works here: the demo's held room charges are theirs to confirm.
  holdRoomCharges: true,
  stations: [
    { key: 'wok', names: l('Wok', '炒鑊', '炒锅') },
    { key: 'dimsum', names: l('Dim Sum', '點心', '点心') },
    { key: 'roast', names: l('Roast', '燒味', '烧味') },
  ],
  // the hall's four-tops push together for banquets
  tables: [...tables('T', [2, 2]), ...tables('T', [4, 4, 4, 4, 4], 3, 'hall'), ...tables('T', [6, 6, 6, 6, 8, 8, 8], 8)],
  categories: [
    { key: 'dimsum', names: l('Dim Sum', '點心', '点心') },
    { key: 'roast', names: l('Barbecue & Roast Meats', '燒味', '烧味') },
    { key: 'soup', names: l('Soups', '湯羹', '汤羹') },
    { key: 'classics', names: l('Seafood & Classics', '海鮮及招牌小菜', '海鲜及招牌小菜') },
    { key: 'rice', names: l('Rice & Noodles', '粉麵飯', '粉面饭') },
    { key: 'dessert', names: l('Desserts', '甜品', '甜品') },
  ],
  ingredients: [
    { key: 'shrimp', names: l('Shrimp (peeled)', '蝦仁', '虾仁'), unit: 'g', quantity: 24000, lowThreshold: 3000 },
    { key: 'mincedPork', names: l('Minced pork', '免治豬肉', '猪肉末'), unit: 'g', quantity: 15000, lowThreshold: 2000 },
    { key: 'porkShoulder', names: l('Pork shoulder', '梅頭豬肉', '梅头猪肉'), unit: 'g', quantity: 60000, lowThreshold: 8000 },
    { key: 'porkBelly', names: l('Pork belly', '豬腩肉', '猪五花肉'), unit: 'g', quantity: 18000, lowThreshold: 3000 },
    { key: 'goose', names: l('Roast goose', '燒鵝', '烧鹅'), unit: 'portion', quantity: 4, lowThreshold: 6 },
    { key: 'wrappers', names: l('Dumpling wrappers', '餃子皮', '饺子皮'), unit: 'pc', quantity: 6000, lowThreshold: 800 },
    { key: 'bunDough', names: l('Bun dough', '包點麵糰', '包子面团'), unit: 'pc', quantity: 1500, lowThreshold: 200 },
    { key: 'riceNoodles', names: l('Fresh rice noodles', '新鮮河粉', '新鲜河粉'), unit: 'g', quantity: 45000, lowThreshold: 6000 },
    { key: 'custard', names: l('Salted egg custard filling', '流沙奶黃餡', '流沙奶黄馅'), unit: 'g', quantity: 15000, lowThreshold: 2000 },
    { key: 'chicken', names: l('Chicken', '雞肉', '鸡肉'), unit: 'g', quantity: 40000, lowThreshold: 5000 },
    { key: 'fishMaw', names: l('Fish maw', '花膠', '花胶'), unit: 'g', quantity: 150, lowThreshold: 300 },
    { key: 'kingPrawns', names: l('King prawns', '大蝦球', '大虾球'), unit: 'g', quantity: 36000, lowThreshold: 4000 },
    { key: 'beef', names: l('Beef (sliced)', '牛肉片', '牛肉片'), unit: 'g', quantity: 24000, lowThreshold: 3000 },
    { key: 'rice', names: l('Jasmine rice', '泰國香米', '泰国香米'), unit: 'g', quantity: 50000, lowThreshold: 8000 },
    { key: 'eggNoodles', names: l('Egg noodles', '銀絲蛋麵', '银丝蛋面'), unit: 'g', quantity: 15000, lowThreshold: 2000 },
    { key: 'mango', names: l('Mango', '芒果', '芒果'), unit: 'g', quantity: 30000, lowThreshold: 4000 },
    { key: 'eggs', names: l('Eggs', '雞蛋', '鸡蛋'), unit: 'pc', quantity: 1500, lowThreshold: 200 },
    { key: 'tofu', names: l('Tofu', '豆腐', '豆腐'), unit: 'g', quantity: 20000, lowThreshold: 3000 },
  ],
  dishes: [
    {
      names: l('Har Gow Shrimp Dumplings', '筍尖鮮蝦餃', '笋尖鲜虾饺'),
      descriptions: l(
        'Four translucent dumplings of whole shrimp and bamboo shoot, steamed to order.',
        '晶瑩剔透的澄麵外皮包裹原隻鮮蝦及筍尖，即點即蒸，每籠四件。',
        '晶莹剔透的澄面外皮包裹整只鲜虾及笋尖，即点即蒸，每笼四件。',
      ),
      category: 'dimsum',
      station: 'dimsum',
      priceCents: 6800,
      tags: ['savory', 'signature'],
      allergens: ['crustacean', 'gluten'],
      spiceLevel: 0,
      modifiers: [],
      recipe: [
        { ingredient: 'shrimp', quantity: 60 },
        { ingredient: 'wrappers', quantity: 4 },
      ],
    },
    {
      names: l('Siu Mai with Crab Roe', '蟹籽燒賣皇', '蟹籽烧卖皇'),
      descriptions: l(
        'Open-topped pork and shrimp dumplings crowned with bright orange crab roe, four pieces.',
        '豬肉鮮蝦餡料飽滿彈牙，面鋪蟹籽，每籠四件。',
        '猪肉鲜虾馅料饱满弹牙，顶上铺满蟹籽，每笼四件。',
      ),
      category: 'dimsum',
      station: 'dimsum',
      priceCents: 6400,
      tags: ['savory', 'umami'],
      allergens: ['crustacean', 'fish', 'gluten', 'egg', 'soy'],
      spiceLevel: 0,
      modifiers: [],
      recipe: [
        { ingredient: 'mincedPork', quantity: 50 },
        { ingredient: 'shrimp', quantity: 20 },
        { ingredient: 'wrappers', quantity: 4 },
      ],
    },
    {
      names: l('Barbecued Pork Buns', '蜜汁叉燒包', '蜜汁叉烧包'),
      descriptions: l(
        'Fluffy steamed buns filled with honey-glazed char siu, three pieces.',
        '包身鬆軟，內餡為蜜汁叉燒，甜鹹適中，每籠三個。',
        '包身松软，内馅为蜜汁叉烧，甜咸适中，每笼三个。',
      ),
      category: 'dimsum',
      station: 'dimsum',
      priceCents: 5800,
      tags: ['sweet', 'savory'],
      allergens: ['gluten', 'soy', 'sesame'],
      spiceLevel: 0,
      modifiers: [],
      recipe: [
        { ingredient: 'bunDough', quantity: 3 },
        { ingredient: 'porkShoulder', quantity: 40 },
      ],
    },
    {
      names: l('Shrimp Rice Noodle Rolls', '鮮蝦腸粉', '鲜虾肠粉'),
      descriptions: l(
        'Silky steamed rice sheets rolled around fresh shrimp, dressed with sweet soy sauce.',
        '腸粉皮薄而滑，包裹爽口鮮蝦，淋上特調甜豉油。',
        '肠粉皮薄而滑，包裹爽口鲜虾，淋上特调甜酱油。',
      ),
      category: 'dimsum',
      station: 'dimsum',
      priceCents: 7200,
      tags: ['savory'],
      allergens: ['crustacean', 'soy', 'gluten'],
      spiceLevel: 0,
      modifiers: [],
      recipe: [
        { ingredient: 'riceNoodles', quantity: 150 },
        { ingredient: 'shrimp', quantity: 50 },
      ],
    },
    {
      names: l('Golden Custard Buns', '流沙奶黃包', '流沙奶黄包'),
      descriptions: l(
        'Soft steamed buns with a molten salted egg yolk custard centre. Careful, it is hot!',
        '包身軟綿，咬開即流出香甜的鹹蛋黃奶黃餡，小心燙口。',
        '包身软绵，咬开即流出香甜的咸蛋黄奶黄馅，小心烫口。',
      ),
      category: 'dimsum',
      station: 'dimsum',
      priceCents: 5600,
      tags: ['sweet', 'vegetarian'],
      allergens: ['egg', 'milk', 'gluten'],
      spiceLevel: 0,
      modifiers: [],
      recipe: [
        { ingredient: 'bunDough', quantity: 3 },
        { ingredient: 'custard', quantity: 60 },
      ],
    },
    {
      names: l('Jade Vegetable Dumplings', '翡翠素餃', '翡翠素饺'),
      descriptions: l(
        'Spinach-green dumplings filled with shiitake, carrot and wood-ear fungus.',
        '以菠菜汁搓成翠綠外皮，內餡有冬菇、甘筍及雲耳，清新素雅。',
        '以菠菜汁揉成翠绿外皮，内馅有香菇、胡萝卜及云耳，清新素雅。',
      ),
      category: 'dimsum',
      station: 'dimsum',
      priceCents: 5800,
      tags: ['savory', 'vegetarian', 'vegan'],
      allergens: ['gluten', 'soy'],
      spiceLevel: 0,
      modifiers: [],
      recipe: [{ ingredient: 'wrappers', quantity: 3 }],
    },
    {
      names: l('Honey-Glazed Barbecued Pork', '蜜汁叉燒', '蜜汁叉烧'),
      descriptions: l(
        'Prime pork shoulder roasted over charcoal and lacquered with maltose and honey.',
        '精選梅頭豬肉明爐炭燒，掃上麥芽糖及蜂蜜，甘香肉嫩。',
        '精选梅头猪肉明炉炭烧，刷上麦芽糖及蜂蜜，甘香肉嫩。',
      ),
      category: 'roast',
      station: 'roast',
      priceCents: 19800,
      tags: ['sweet', 'savory', 'signature'],
      allergens: ['soy', 'gluten'],
      spiceLevel: 0,
      modifiers: [sizeRegularLarge(8000)],
      recipe: [{ ingredient: 'porkShoulder', quantity: 180 }],
    },
    {
      names: l('Roast Goose', '明爐燒鵝', '明炉烧鹅'),
      descriptions: l(
        'Our signature goose, roasted in the open oven until the skin crackles, with sour plum sauce. Limited each day.',
        '招牌明爐燒鵝，皮脆肉嫩，油香豐腴，配酸梅醬，每日限量供應。',
        '招牌明炉烧鹅，皮脆肉嫩，油香丰腴，配酸梅酱，每日限量供应。',
      ),
      category: 'roast',
      station: 'roast',
      priceCents: 32800,
      tags: ['savory', 'signature'],
      allergens: ['soy'],
      spiceLevel: 0,
      modifiers: [
        {
          names: l('Portion', '份量', '份量'),
          minChoices: 1,
          maxChoices: 1,
          options: [
            { names: l('Quarter goose', '四分一隻', '四分之一只'), priceDeltaCents: 0 },
            { names: l('Half goose', '半隻', '半只'), priceDeltaCents: 26000 },
          ],
        },
      ],
      recipe: [{ ingredient: 'goose', quantity: 1 }],
    },
    {
      names: l('Crispy Roast Pork Belly', '脆皮燒腩仔', '脆皮烧腩仔'),
      descriptions: l(
        'Five-spice pork belly with blistered, crackling skin, served with English mustard.',
        '五香醃製豬腩肉，表皮金黃起泡，香脆可口，配英式芥辣。',
        '五香腌制五花肉，表皮金黄起泡，香脆可口，配英式芥末。',
      ),
      category: 'roast',
      station: 'roast',
      priceCents: 16800,
      tags: ['savory', 'gluten-free'],
      allergens: ['mustard'],
      spiceLevel: 0,
      modifiers: [],
      recipe: [{ ingredient: 'porkBelly', quantity: 150 }],
    },
    {
      names: l('Hot and Sour Soup', '酸辣湯', '酸辣汤'),
      descriptions: l(
        'A peppery, tangy broth with tofu, bamboo shoots, wood-ear fungus and egg ribbons.',
        '胡椒香辣，醋香開胃，配豆腐、筍絲、雲耳及蛋花。',
        '胡椒香辣，醋香开胃，配豆腐、笋丝、云耳及蛋花。',
      ),
      category: 'soup',
      station: 'wok',
      priceCents: 8800,
      tags: ['spicy', 'sour'],
      allergens: ['egg', 'soy', 'gluten'],
      spiceLevel: 2,
      modifiers: [],
      recipe: [
        { ingredient: 'tofu', quantity: 80 },
        { ingredient: 'eggs', quantity: 1 },
      ],
    },
    {
      names: l('Double-Boiled Fish Maw and Chicken Soup', '花膠燉雞湯', '花胶炖鸡汤'),
      descriptions: l(
        'Double-boiled for six hours with fish maw, free-range chicken and dried scallop. Only a few bowls each day.',
        '以花膠、走地雞及瑤柱慢火燉足六小時，湯清味濃，每日只燉數盅。',
        '以花胶、走地鸡及瑶柱慢火炖足六小时，汤清味浓，每日只炖几盅。',
      ),
      category: 'soup',
      station: 'wok',
      priceCents: 23800,
      tags: ['umami', 'gluten-free', 'seasonal'],
      allergens: ['fish', 'mollusc'],
      spiceLevel: 0,
      modifiers: [],
      recipe: [
        { ingredient: 'fishMaw', quantity: 50 },
        { ingredient: 'chicken', quantity: 150 },
      ],
    },
    {
      names: l('Golden Salted Egg Yolk Prawns', '金沙蝦球', '金沙虾球'),
      descriptions: l(
        'King prawns wok-tossed in butter and a rich, crumbly salted egg yolk sauce.',
        '大蝦球以鹹蛋黃及牛油快炒，金黃香濃，惹味非常。',
        '大虾球以咸蛋黄及黄油快炒，金黄香浓，滋味十足。',
      ),
      category: 'classics',
      station: 'wok',
      priceCents: 26800,
      tags: ['savory', 'signature'],
      allergens: ['crustacean', 'egg', 'milk'],
      spiceLevel: 0,
      modifiers: [],
      recipe: [
        { ingredient: 'kingPrawns', quantity: 200 },
        { ingredient: 'eggs', quantity: 2 },
      ],
    },
    {
      names: l('Sweet and Sour Pork with Pineapple', '菠蘿咕嚕肉', '菠萝咕噜肉'),
      descriptions: l(
        'Crisp pork tossed with pineapple and peppers in a glossy sweet and sour sauce.',
        '豬肉炸至金脆，配菠蘿及青紅椒，兜勻酸甜汁，色香味俱全。',
        '猪肉炸至金脆，配菠萝及青红椒，裹匀酸甜汁，色香味俱全。',
      ),
      category: 'classics',
      station: 'wok',
      priceCents: 17800,
      tags: ['sweet', 'sour'],
      allergens: ['gluten', 'egg'],
      spiceLevel: 0,
      modifiers: [],
      recipe: [{ ingredient: 'porkShoulder', quantity: 160 }],
    },
    {
      names: l('Kung Pao Chicken', '宮保雞丁', '宫保鸡丁'),
      descriptions: l(
        'Diced chicken wok-fried with dried chillies, Sichuan pepper and roasted peanuts.',
        '雞丁配乾辣椒、花椒及香脆花生猛火快炒，麻辣鮮香。',
        '鸡丁配干辣椒、花椒及香脆花生猛火快炒，麻辣鲜香。',
      ),
      category: 'classics',
      station: 'wok',
      priceCents: 16800,
      tags: ['spicy', 'savory'],
      allergens: ['peanut', 'soy', 'gluten'],
      spiceLevel: 3,
      modifiers: [spiceChoice],
      recipe: [{ ingredient: 'chicken', quantity: 180 }],
    },
    {
      names: l('Seasonal Greens with Garlic', '蒜蓉炒時蔬', '蒜蓉炒时蔬'),
      descriptions: l(
        "The market's freshest greens of the day, wok-fried with plenty of garlic.",
        '選用當日時令鮮蔬，以蒜蓉猛火快炒，清爽鮮甜。',
        '选用当日时令鲜蔬，以蒜蓉猛火快炒，清爽鲜甜。',
      ),
      category: 'classics',
      station: 'wok',
      priceCents: 11800,
      tags: ['savory', 'vegetarian', 'vegan', 'gluten-free', 'seasonal'],
      allergens: [],
      spiceLevel: 0,
      modifiers: [],
      recipe: [],
    },
    {
      names: l('Yangzhou Fried Rice', '揚州炒飯', '扬州炒饭'),
      descriptions: l(
        'Fluffy egg-fried rice with barbecued pork, shrimp and spring onion.',
        '粒粒分明的蛋炒飯，配叉燒粒、蝦仁及蔥花。',
        '粒粒分明的蛋炒饭，配叉烧丁、虾仁及葱花。',
      ),
      category: 'rice',
      station: 'wok',
      priceCents: 14800,
      tags: ['savory'],
      allergens: ['egg', 'crustacean', 'soy'],
      spiceLevel: 0,
      modifiers: [sizeRegularLarge(6000)],
      recipe: [
        { ingredient: 'rice', quantity: 220 },
        { ingredient: 'eggs', quantity: 1 },
        { ingredient: 'shrimp', quantity: 30 },
      ],
    },
    {
      names: l('Dry-Fried Beef Ho Fun', '乾炒牛河', '干炒牛河'),
      descriptions: l(
        "Flat rice noodles seared in a blazing wok with beef, bean sprouts and soy, full of smoky 'wok hei'.",
        '河粉與牛肉、芽菜及豉油猛火乾炒，鑊氣十足。',
        '河粉与牛肉、豆芽及酱油猛火干炒，锅气十足。',
      ),
      category: 'rice',
      station: 'wok',
      priceCents: 15800,
      tags: ['savory', 'signature'],
      allergens: ['soy', 'gluten'],
      spiceLevel: 0,
      modifiers: [],
      recipe: [
        { ingredient: 'riceNoodles', quantity: 220 },
        { ingredient: 'beef', quantity: 120 },
      ],
    },
    {
      names: l('Shrimp Wonton Noodle Soup', '鮮蝦雲吞麵', '鲜虾云吞面'),
      descriptions: l(
        'Springy egg noodles and plump shrimp wontons in a dried flounder and pork bone broth.',
        '爽滑銀絲蛋麵配彈牙鮮蝦雲吞，湯底以大地魚及豬骨熬製。',
        '爽滑银丝蛋面配弹牙鲜虾云吞，汤底以大地鱼及猪骨熬制。',
      ),
      category: 'rice',
      station: 'wok',
      priceCents: 8800,
      tags: ['savory', 'umami'],
      allergens: ['crustacean', 'gluten', 'egg', 'fish'],
      spiceLevel: 0,
      modifiers: [
        {
          names: l('Extras', '加配', '加配'),
          minChoices: 0,
          maxChoices: 3,
          options: [
            { names: l('Extra wontons', '加雲吞', '加云吞'), priceDeltaCents: 3000 },
            { names: l('Add choy sum', '加菜心', '加菜心'), priceDeltaCents: 1800 },
            { names: l('Extra noodles', '加麵', '加面'), priceDeltaCents: 1200 },
          ],
        },
      ],
      recipe: [
        { ingredient: 'eggNoodles', quantity: 60 },
        { ingredient: 'shrimp', quantity: 60 },
        { ingredient: 'wrappers', quantity: 4 },
      ],
    },
    {
      names: l('Chilled Mango Sago with Pomelo', '楊枝甘露', '杨枝甘露'),
      descriptions: l(
        'Fresh mango purée with sago pearls, pomelo and coconut milk, served chilled.',
        '新鮮芒果蓉配西米、柚子肉及椰汁，冰涼香甜。',
        '新鲜芒果泥配西米、柚子肉及椰汁，冰凉香甜。',
      ),
      category: 'dessert',
      station: 'dimsum',
      priceCents: 5800,
      tags: ['sweet', 'vegetarian', 'gluten-free'],
      allergens: ['milk'],
      spiceLevel: 0,
      modifiers: [],
      recipe: [{ ingredient: 'mango', quantity: 120 }],
    },
    {
      names: l('Red Bean Soup with Aged Tangerine Peel', '陳皮紅豆沙', '陈皮红豆沙'),
      descriptions: l(
        'Red beans slow-cooked with aged tangerine peel until smooth and velvety.',
        '紅豆以陳皮慢火熬至起沙，香甜綿滑。',
        '红豆以陈皮慢火熬至起沙，香甜绵滑。',
      ),
      category: 'dessert',
      station: 'dimsum',
      priceCents: 4800,
      tags: ['sweet', 'vegetarian', 'vegan', 'gluten-free'],
      allergens: [],
      spiceLevel: 0,
      modifiers: [],
      recipe: [],
    },
  ],
  promotions: [
    welcome10,
    firstOrder,
    spendAndSave('spend-500-save-50', 500, 50),
    {
      key: 'dessert-20',
      code: null,
      names: l('Desserts 20% off', '甜品八折', '甜品八折'),
      kind: 'percent',
      value: 20,
      minSubtotalCents: 0,
      category: 'dessert',
      priority: 20,
    },
    {
      key: 'afternoon-15',
      code: null,
      names: l('Afternoon dim sum, weekdays 3–5 pm: 15% off', '平日下午三時至五時點心：85折', '平日下午三时至五时点心：85折'),
      kind: 'percent',
      value: 15,
      minSubtotalCents: 0,
      category: 'dimsum',
      window: { days: [1, 2, 3, 4, 5], from: '15:00', to: '17:00' },
      priority: 30,
    },
    {
      key: 'free-mango-sago',
      code: null,
      names: l('Free mango sago over HK$400', '滿HK$400送楊枝甘露', '满HK$400送杨枝甘露'),
      kind: 'free_item',
      value: 1,
      minSubtotalCents: 40000,
      freeDish: 'chilled-mango-sago-with-pomelo',
      priority: 0,
    },
  ],
};

// ------------------------------------------------------------------ 2. Seabreeze Café & Grill (western, all day)

const milkOptions: DemoModifierGroup = {
  names: l('Milk', '奶類', '奶类'),
  minChoices: 0,
  maxChoices: 1,
  options: [
    { names: l('Oat milk', '燕麥奶', '燕麦奶'), priceDeltaCents: 800 },
    { names: l('Soy milk', '豆奶', '豆奶'), priceDeltaCents: 600 },
  ],
};

const seabreezeCafe: DemoRestaurant = {
  slug: 'seabreeze-cafe-and-grill',
  ticketAges: { amberMinutes: 5, redMinutes: 8 },
  names: l('Seabreeze Café & Grill', '海風咖啡扒房', '海风咖啡扒房'),
  descriptions: l(
    "The hotel's all-day café in the lobby: hearty breakfasts, grills, Asian favourites and good coffee from early morning until late.",
    '位於大堂的全日餐廳，由清晨至深夜供應豐盛早餐、西式扒類、亞洲經典菜式及香濃咖啡。',
    '位于大堂的全日餐厅，从清晨到深夜供应丰盛早餐、西式扒类、亚洲经典菜式及香浓咖啡。',
  ),
  cuisine: 'Western',
  area: 'Lobby',
  priceLevel: 2,
  ...HK,
  openingHours: everyDay('06:30', '23:00'),
  cancellationPolicy: {
    freeCancelHours: 2,
    lateCancelFeePercent: 0,
    noShowFeePercent: 0,
    depositPerGuestCents: 0,
    modifyUntilHours: 1,
    bookingLeadMinutes: 30,
    bookingHorizonDays: 90,
    slotMinutes: 15,
    stayMinutes: 75,
    minPartySize: 1,
    maxPartySize: 8,
    coversPerSlot: 30,
  },
  sort: 1,
  stations: [
    { key: 'grill', names: l('Grill', '扒爐', '扒炉') },
    { key: 'cold', names: l('Cold Kitchen', '冷廚', '冷厨') },
    { key: 'pastry', names: l('Pastry & Coffee', '餅房及咖啡吧', '饼房及咖啡吧') },
  ],
  tables: tables('T', [2, 2, 2, 2, 2, 2, 4, 4, 4, 4, 4, 4, 4, 6, 6, 8]),
  categories: [
    { key: 'breakfast', names: l('All-Day Breakfast', '全日早餐', '全日早餐') },
    { key: 'salads', names: l('Salads & Soups', '沙律及湯', '沙拉及汤') },
    { key: 'mains', names: l('Mains & Grills', '主菜及扒類', '主菜及扒类') },
    { key: 'desserts', names: l('Desserts', '甜品', '甜品') },
    { key: 'drinks', names: l('Coffee & Drinks', '咖啡及飲品', '咖啡及饮品') },
  ],
  ingredients: [
    { key: 'eggs', names: l('Eggs', '雞蛋', '鸡蛋'), unit: 'pc', quantity: 2400, lowThreshold: 300 },
    { key: 'bread', names: l('Sliced bread', '麵包片', '面包片'), unit: 'pc', quantity: 1800, lowThreshold: 200 },
    { key: 'muffins', names: l('English muffins', '英式鬆餅', '英式松饼'), unit: 'pc', quantity: 400, lowThreshold: 60 },
    { key: 'bacon', names: l('Bacon', '煙肉', '培根'), unit: 'g', quantity: 20000, lowThreshold: 2500 },
    { key: 'avocado', names: l('Avocados', '牛油果', '牛油果'), unit: 'pc', quantity: 150, lowThreshold: 20 },
    { key: 'romaine', names: l('Romaine lettuce', '羅馬生菜', '罗马生菜'), unit: 'g', quantity: 20000, lowThreshold: 3000 },
    { key: 'chicken', names: l('Chicken', '雞肉', '鸡肉'), unit: 'g', quantity: 50000, lowThreshold: 6000 },
    { key: 'quinoa', names: l('Quinoa', '藜麥', '藜麦'), unit: 'g', quantity: 16000, lowThreshold: 2000 },
    { key: 'sirloin', names: l('Angus sirloin', '安格斯西冷', '安格斯西冷'), unit: 'g', quantity: 60000, lowThreshold: 9000 },
    { key: 'lambRack', names: l('Lamb rack', '羊架', '羊排'), unit: 'portion', quantity: 3, lowThreshold: 5 },
    { key: 'patties', names: l('Wagyu burger patties', '和牛漢堡扒', '和牛汉堡肉饼'), unit: 'pc', quantity: 180, lowThreshold: 24 },
    { key: 'cod', names: l('Cod fillet', '鱈魚柳', '鳕鱼柳'), unit: 'g', quantity: 36000, lowThreshold: 4000 },
    { key: 'salmon', names: l('Salmon fillet', '三文魚柳', '三文鱼柳'), unit: 'g', quantity: 36000, lowThreshold: 4000 },
    { key: 'spaghetti', names: l('Spaghetti', '意粉', '意面'), unit: 'g', quantity: 24000, lowThreshold: 3000 },
    { key: 'rice', names: l('Jasmine rice', '泰國香米', '泰国香米'), unit: 'g', quantity: 40000, lowThreshold: 6000 },
    { key: 'cheesecake', names: l('Cheesecake (slices)', '芝士蛋糕（件）', '芝士蛋糕（块）'), unit: 'pc', quantity: 5, lowThreshold: 8 },
    { key: 'milk', names: l('Fresh milk', '鮮奶', '鲜奶'), unit: 'ml', quantity: 60000, lowThreshold: 8000 },
    { key: 'coffee', names: l('Coffee beans', '咖啡豆', '咖啡豆'), unit: 'g', quantity: 8000, lowThreshold: 1000 },
    { key: 'oranges', names: l('Oranges', '橙', '橙子'), unit: 'pc', quantity: 900, lowThreshold: 120 },
    { key: 'fries', names: l('Fries', '薯條', '薯条'), unit: 'g', quantity: 80000, lowThreshold: 10000 },
  ],
  dishes: [
    {
      names: l('Eggs Benedict', '班尼迪克蛋', '班尼迪克蛋'),
      descriptions: l(
        'Two poached eggs on a toasted English muffin with hollandaise; with ham, smoked salmon or spinach.',
        '烘英式鬆餅配兩隻水波蛋及荷蘭醬，可選火腿、煙三文魚或菠菜。',
        '烤英式松饼配两个水波蛋及荷兰酱，可选火腿、烟熏三文鱼或菠菜。',
      ),
      category: 'breakfast',
      station: 'grill',
      priceCents: 14800,
      tags: ['savory'],
      allergens: ['egg', 'gluten', 'milk'],
      spiceLevel: 0,
      modifiers: [
        {
          names: l('Topping', '配料', '配料'),
          minChoices: 1,
          maxChoices: 1,
          options: [
            { names: l('Ham', '火腿', '火腿'), priceDeltaCents: 0 },
            { names: l('Smoked salmon', '煙三文魚', '烟熏三文鱼'), priceDeltaCents: 3000 },
            { names: l('Spinach', '菠菜', '菠菜'), priceDeltaCents: 0 },
          ],
        },
      ],
      recipe: [
        { ingredient: 'eggs', quantity: 2 },
        { ingredient: 'muffins', quantity: 1 },
      ],
    },
    {
      names: l('Harbourview Big Breakfast', '海景大早餐', '海景大早餐'),
      descriptions: l(
        'Two eggs your way, bacon, pork sausage, grilled tomato, mushrooms, hash brown and sourdough toast.',
        '兩隻雞蛋任選煮法，配煙肉、豬肉腸、烤番茄、蘑菇、薯餅及酸種多士。',
        '两个鸡蛋任选做法，配培根、猪肉肠、烤番茄、蘑菇、薯饼及酸种吐司。',
      ),
      category: 'breakfast',
      station: 'grill',
      priceCents: 16800,
      tags: ['savory', 'signature'],
      allergens: ['egg', 'gluten', 'milk'],
      spiceLevel: 0,
      modifiers: [
        {
          names: l('Eggs', '蛋的煮法', '鸡蛋做法'),
          minChoices: 1,
          maxChoices: 1,
          options: [
            { names: l('Fried', '煎蛋', '煎蛋'), priceDeltaCents: 0 },
            { names: l('Scrambled', '炒蛋', '炒蛋'), priceDeltaCents: 0 },
            { names: l('Poached', '水波蛋', '水波蛋'), priceDeltaCents: 0 },
          ],
        },
      ],
      recipe: [
        { ingredient: 'eggs', quantity: 2 },
        { ingredient: 'bacon', quantity: 60 },
        { ingredient: 'bread', quantity: 2 },
      ],
    },
    {
      names: l('Buttermilk Pancakes', '酪乳班戟', '酪乳松饼'),
      descriptions: l(
        'A stack of three fluffy pancakes with maple syrup and whipped butter.',
        '三塊鬆軟班戟，配楓糖漿及牛油。',
        '三块松软的松饼，配枫糖浆及黄油。',
      ),
      category: 'breakfast',
      station: 'grill',
      priceCents: 10800,
      tags: ['sweet', 'vegetarian'],
      allergens: ['egg', 'milk', 'gluten'],
      spiceLevel: 0,
      modifiers: [
        {
          names: l('Extras', '加配', '加配'),
          minChoices: 0,
          maxChoices: 3,
          options: [
            { names: l('Mixed berries', '雜莓', '什锦莓果'), priceDeltaCents: 1800 },
            { names: l('Crispy bacon', '香脆煙肉', '香脆培根'), priceDeltaCents: 2200 },
            { names: l('Vanilla ice cream', '雲呢拿雪糕', '香草冰淇淋'), priceDeltaCents: 2000 },
          ],
        },
      ],
      recipe: [{ ingredient: 'eggs', quantity: 1 }],
    },
    {
      names: l('Smashed Avocado Toast', '牛油果多士', '牛油果吐司'),
      descriptions: l(
        'Sourdough toast piled with smashed avocado, cherry tomatoes, chilli flakes and toasted seeds.',
        '酸種多士鋪上牛油果蓉、車厘茄、辣椒碎及烘香籽仁。',
        '酸种吐司铺上牛油果泥、樱桃番茄、辣椒碎及烤香籽仁。',
      ),
      category: 'breakfast',
      station: 'cold',
      priceCents: 11800,
      tags: ['savory', 'vegetarian', 'vegan'],
      allergens: ['gluten', 'sesame'],
      spiceLevel: 1,
      modifiers: [
        {
          names: l('Add-ons', '加配', '加配'),
          minChoices: 0,
          maxChoices: 2,
          options: [
            { names: l('Poached egg', '水波蛋', '水波蛋'), priceDeltaCents: 1800 },
            { names: l('Smoked salmon', '煙三文魚', '烟熏三文鱼'), priceDeltaCents: 3800 },
          ],
        },
      ],
      recipe: [
        { ingredient: 'bread', quantity: 2 },
        { ingredient: 'avocado', quantity: 0.5 },
      ],
    },
    {
      names: l('Classic Caesar Salad', '經典凱撒沙律', '经典凯撒沙拉'),
      descriptions: l(
        'Crisp romaine, garlic croutons, shaved parmesan and a creamy anchovy dressing.',
        '爽脆羅馬生菜、蒜香麵包粒、巴馬臣芝士片及鯷魚醬汁。',
        '爽脆罗马生菜、蒜香面包丁、帕玛森奶酪片及凤尾鱼酱汁。',
      ),
      category: 'salads',
      station: 'cold',
      priceCents: 12800,
      tags: ['savory'],
      allergens: ['egg', 'fish', 'milk', 'gluten'],
      spiceLevel: 0,
      modifiers: [
        {
          names: l('Add-ons', '加配', '加配'),
          minChoices: 0,
          maxChoices: 2,
          options: [
            { names: l('Grilled chicken', '烤雞胸', '烤鸡胸'), priceDeltaCents: 3800 },
            { names: l('Tiger prawns', '虎蝦', '虎虾'), priceDeltaCents: 5800 },
          ],
        },
      ],
      recipe: [{ ingredient: 'romaine', quantity: 120 }],
    },
    {
      names: l('Roasted Tomato Soup', '烤番茄湯', '烤番茄汤'),
      descriptions: l(
        'Slow-roasted tomatoes and red peppers blended with a swirl of cream, with garlic bread.',
        '慢烤番茄及紅椒打成濃湯，加入忌廉，配蒜蓉包。',
        '慢烤番茄及红椒打成浓汤，淋上奶油，配蒜香面包。',
      ),
      category: 'salads',
      station: 'grill',
      priceCents: 7800,
      tags: ['savory', 'vegetarian'],
      allergens: ['milk', 'gluten'],
      spiceLevel: 0,
      modifiers: [],
      recipe: [],
    },
    {
      names: l('Quinoa and Roasted Vegetable Salad', '藜麥烤雜菜沙律', '藜麦烤蔬菜沙拉'),
      descriptions: l(
        'Tricolour quinoa, roasted pumpkin, kale and toasted almonds with a lemon–tahini dressing.',
        '三色藜麥配烤南瓜、羽衣甘藍及烘杏仁片，淋上檸檬芝麻醬。',
        '三色藜麦配烤南瓜、羽衣甘蓝及烤杏仁片，淋上柠檬芝麻酱。',
      ),
      category: 'salads',
      station: 'cold',
      priceCents: 12800,
      tags: ['savory', 'vegetarian', 'vegan', 'gluten-free'],
      allergens: ['tree-nut', 'sesame'],
      spiceLevel: 0,
      modifiers: [],
      recipe: [{ ingredient: 'quinoa', quantity: 80 }],
    },
    {
      names: l('Angus Sirloin Steak', '安格斯西冷牛扒', '安格斯西冷牛排'),
      descriptions: l(
        '300 g grain-fed Angus sirloin from the charcoal grill, with fries and a sauce of your choice.',
        '300克穀飼安格斯西冷，炭火扒製，配薯條及自選醬汁。',
        '300克谷饲安格斯西冷，炭火烤制，配薯条及自选酱汁。',
      ),
      category: 'mains',
      station: 'grill',
      priceCents: 32800,
      tags: ['savory', 'gluten-free', 'signature'],
      allergens: ['milk', 'sulphite'],
      spiceLevel: 0,
      modifiers: [
        doneness,
        {
          names: l('Sauce', '醬汁', '酱汁'),
          minChoices: 1,
          maxChoices: 1,
          options: [
            { names: l('Black pepper', '黑椒汁', '黑椒汁'), priceDeltaCents: 0 },
            { names: l('Red wine', '紅酒汁', '红酒汁'), priceDeltaCents: 0 },
            { names: l('Mushroom', '蘑菇汁', '蘑菇汁'), priceDeltaCents: 0 },
          ],
        },
      ],
      recipe: [
        { ingredient: 'sirloin', quantity: 300 },
        { ingredient: 'fries', quantity: 150 },
      ],
    },
    {
      names: l('Herb-Crusted Lamb Rack', '香草焗羊架', '香草烤羊排'),
      descriptions: l(
        'Australian lamb rack under a Dijon mustard and herb crust, with roasted vegetables and rosemary jus. Limited each day.',
        '澳洲羊架塗上第戎芥末及香草脆面焗製，配烤雜菜及迷迭香燒汁，每日限量。',
        '澳洲羊排裹上第戎芥末及香草酥皮烤制，配烤蔬菜及迷迭香烧汁，每日限量。',
      ),
      category: 'mains',
      station: 'grill',
      priceCents: 28800,
      tags: ['savory', 'halal'],
      allergens: ['mustard', 'gluten'],
      spiceLevel: 0,
      modifiers: [doneness],
      recipe: [{ ingredient: 'lambRack', quantity: 1 }],
    },
    {
      names: l('Pan-Seared Salmon', '香煎三文魚', '香煎三文鱼'),
      descriptions: l(
        'Crisp-skinned Norwegian salmon with crushed potatoes, asparagus and lemon butter sauce.',
        '香煎脆皮挪威三文魚，配薯蓉、露筍及檸檬牛油汁。',
        '香煎脆皮挪威三文鱼，配土豆泥、芦笋及柠檬黄油汁。',
      ),
      category: 'mains',
      station: 'grill',
      priceCents: 22800,
      tags: ['savory', 'gluten-free'],
      allergens: ['fish', 'milk'],
      spiceLevel: 0,
      modifiers: [],
      recipe: [{ ingredient: 'salmon', quantity: 180 }],
    },
    {
      names: l('Wagyu Beef Burger', '和牛漢堡', '和牛汉堡'),
      descriptions: l(
        'Wagyu beef patty, cheddar, caramelised onion and pickles in a brioche bun, with fries.',
        '和牛漢堡扒配車打芝士、焦糖洋蔥及酸瓜，夾於牛油麵包中，配薯條。',
        '和牛肉饼配切达奶酪、焦糖洋葱及酸黄瓜，夹入布里欧修面包，配薯条。',
      ),
      category: 'mains',
      station: 'grill',
      priceCents: 18800,
      tags: ['savory', 'signature'],
      allergens: ['gluten', 'milk', 'egg', 'sesame', 'mustard'],
      spiceLevel: 0,
      modifiers: [
        {
          names: l('Extras', '加配', '加配'),
          minChoices: 0,
          maxChoices: 3,
          options: [
            { names: l('Extra cheese', '加芝士', '加奶酪'), priceDeltaCents: 1500 },
            { names: l('Bacon', '加煙肉', '加培根'), priceDeltaCents: 2200 },
            { names: l('Fried egg', '加煎蛋', '加煎蛋'), priceDeltaCents: 1200 },
          ],
        },
      ],
      recipe: [
        { ingredient: 'patties', quantity: 1 },
        { ingredient: 'fries', quantity: 150 },
      ],
    },
    {
      names: l('Lobby Club Sandwich', '公司三文治', '总汇三明治'),
      descriptions: l(
        'The hotel classic: a triple-decker of roast chicken, bacon, egg, lettuce and tomato on toast, with fries.',
        '酒店咖啡室經典：三層多士夾燒雞、煙肉、煎蛋、生菜及番茄，配薯條。',
        '酒店咖啡厅经典：三层吐司夹烤鸡、培根、煎蛋、生菜及番茄，配薯条。',
      ),
      category: 'mains',
      station: 'grill',
      priceCents: 13800,
      tags: ['savory', 'signature'],
      allergens: ['gluten', 'egg', 'milk', 'mustard'],
      spiceLevel: 0,
      modifiers: [],
      recipe: [
        { ingredient: 'bread', quantity: 3 },
        { ingredient: 'chicken', quantity: 100 },
        { ingredient: 'bacon', quantity: 40 },
        { ingredient: 'eggs', quantity: 1 },
      ],
    },
    {
      names: l('Beer-Battered Fish and Chips', '啤酒炸魚薯條', '啤酒炸鱼薯条'),
      descriptions: l(
        'Crisp beer-battered cod with chunky chips, mushy peas and tartare sauce.',
        '啤酒脆漿炸鱈魚，配粗薯條、青豆蓉及他他醬。',
        '啤酒面糊炸鳕鱼，配粗薯条、豌豆泥及塔塔酱。',
      ),
      category: 'mains',
      station: 'grill',
      priceCents: 16800,
      tags: ['savory'],
      allergens: ['fish', 'gluten', 'egg'],
      spiceLevel: 0,
      modifiers: [],
      recipe: [
        { ingredient: 'cod', quantity: 180 },
        { ingredient: 'fries', quantity: 200 },
      ],
    },
    {
      names: l('Hainanese Chicken Rice', '海南雞飯', '海南鸡饭'),
      descriptions: l(
        'Poached chicken with fragrant chicken-fat rice, ginger and spring onion oil, chilli sauce and a clear soup.',
        '滑嫩白切雞配雞油香飯，附薑蔥蓉、辣椒醬及清湯。',
        '滑嫩白切鸡配鸡油香饭，附姜葱蓉、辣椒酱及清汤。',
      ),
      category: 'mains',
      station: 'grill',
      priceCents: 15800,
      tags: ['savory', 'signature'],
      allergens: ['soy', 'sesame'],
      spiceLevel: 1,
      modifiers: [],
      recipe: [
        { ingredient: 'chicken', quantity: 200 },
        { ingredient: 'rice', quantity: 200 },
      ],
    },
    {
      names: l('Spaghetti Carbonara', '卡邦尼意粉', '卡邦尼意面'),
      descriptions: l(
        'Spaghetti tossed with crispy pancetta, egg yolk, pecorino and black pepper, made the Roman way without cream.',
        '意粉拌以香脆煙肉、蛋黃、羅馬羊奶芝士及黑椒，依羅馬做法不加忌廉。',
        '意面拌以香脆培根、蛋黄、罗马羊奶酪及黑胡椒，按罗马做法不加奶油。',
      ),
      category: 'mains',
      station: 'grill',
      priceCents: 15800,
      tags: ['savory'],
      allergens: ['gluten', 'egg', 'milk'],
      spiceLevel: 0,
      modifiers: [],
      recipe: [
        { ingredient: 'spaghetti', quantity: 120 },
        { ingredient: 'bacon', quantity: 50 },
        { ingredient: 'eggs', quantity: 1 },
      ],
    },
    {
      names: l('New York Cheesecake', '紐約芝士蛋糕', '纽约芝士蛋糕'),
      descriptions: l(
        'Dense, creamy baked cheesecake on a biscuit base, with berry compote. Baked in small batches.',
        '香濃綿密的焗芝士蛋糕，消化餅底，配雜莓果醬，每日少量焗製。',
        '香浓绵密的烤芝士蛋糕，消化饼底，配什锦莓果酱，每日少量烘焙。',
      ),
      category: 'desserts',
      station: 'pastry',
      priceCents: 7800,
      tags: ['sweet', 'vegetarian'],
      allergens: ['milk', 'egg', 'gluten'],
      spiceLevel: 0,
      modifiers: [],
      recipe: [{ ingredient: 'cheesecake', quantity: 1 }],
    },
    {
      names: l('Molten Chocolate Cake', '朱古力心太軟', '巧克力熔岩蛋糕'),
      descriptions: l(
        'Warm dark chocolate cake with a flowing centre and vanilla ice cream. Allow 12 minutes.',
        '即焗黑朱古力蛋糕，內裏朱古力漿緩緩流出，配雲呢拿雪糕，需時約十二分鐘。',
        '现烤黑巧克力蛋糕，内里巧克力酱缓缓流出，配香草冰淇淋，需时约十二分钟。',
      ),
      category: 'desserts',
      station: 'pastry',
      priceCents: 8800,
      tags: ['sweet', 'vegetarian'],
      allergens: ['milk', 'egg', 'gluten', 'soy'],
      spiceLevel: 0,
      modifiers: [],
      recipe: [{ ingredient: 'eggs', quantity: 2 }],
    },
    {
      names: l('Hong Kong Milk Tea', '港式奶茶', '港式奶茶'),
      descriptions: l(
        "Strong black tea pulled through a 'silk stocking' strainer and smoothed with evaporated milk.",
        '以絲襪拉製的濃茶，加入淡奶，茶香濃郁，口感幼滑。',
        '以丝袜拉制的浓茶，加入淡奶，茶香浓郁，口感顺滑。',
      ),
      category: 'drinks',
      station: 'pastry',
      priceCents: 4200,
      tags: ['sweet', 'vegetarian', 'gluten-free', 'signature'],
      allergens: ['milk'],
      spiceLevel: 0,
      modifiers: [
        {
          names: l('Hot or iced', '冷熱', '冷热'),
          minChoices: 1,
          maxChoices: 1,
          options: [
            { names: l('Hot', '熱', '热'), priceDeltaCents: 0 },
            { names: l('Iced', '凍', '冰'), priceDeltaCents: 500 },
          ],
        },
      ],
      recipe: [{ ingredient: 'milk', quantity: 50 }],
    },
    {
      names: l('Cappuccino', '卡布奇諾', '卡布奇诺'),
      descriptions: l(
        'A double shot of our house espresso blend with velvety steamed milk.',
        '以雙份特調濃縮咖啡配綿滑蒸奶。',
        '以双份特调浓缩咖啡配绵密蒸奶。',
      ),
      category: 'drinks',
      station: 'pastry',
      priceCents: 4800,
      tags: ['vegetarian', 'gluten-free'],
      allergens: ['milk'],
      spiceLevel: 0,
      modifiers: [milkOptions],
      recipe: [
        { ingredient: 'milk', quantity: 150 },
        { ingredient: 'coffee', quantity: 18 },
      ],
    },
    {
      names: l('Freshly Squeezed Orange Juice', '鮮榨橙汁', '鲜榨橙汁'),
      descriptions: l(
        'Pressed to order from sweet Valencia oranges.',
        '即點即榨，選用香甜的華倫西亞橙。',
        '现点现榨，选用香甜的瓦伦西亚橙。',
      ),
      category: 'drinks',
      station: 'cold',
      priceCents: 5800,
      tags: ['sweet', 'sour', 'vegetarian', 'vegan', 'gluten-free'],
      allergens: [],
      spiceLevel: 0,
      modifiers: [],
      recipe: [{ ingredient: 'oranges', quantity: 3 }],
    },
  ],
  promotions: [
    welcome10,
    firstOrder,
    spendAndSave('spend-300-save-30', 300, 30),
    {
      key: 'happy-hour',
      code: null,
      names: l(
        'Happy hour, 5–7 pm daily: drinks 25% off',
        '歡樂時光（每日下午五時至七時）：飲品75折',
        '欢乐时光（每日下午五时至七时）：饮品75折',
      ),
      kind: 'percent',
      value: 25,
      minSubtotalCents: 0,
      category: 'drinks',
      window: { days: [0, 1, 2, 3, 4, 5, 6], from: '17:00', to: '19:00' },
      priority: 20,
    },
    {
      key: 'room-breakfast',
      code: null,
      names: l(
        'In-room dining, mornings: 10% off, on its own',
        '早上客房送餐：九折（不可與其他優惠同用）',
        '早上客房送餐：九折（不可与其他优惠同用）',
      ),
      kind: 'percent',
      value: 10,
      minSubtotalCents: 0,
      channels: ['room'],
      window: { days: [0, 1, 2, 3, 4, 5, 6], from: '06:30', to: '11:00' },
      priority: 50,
      stackable: false,
    },
  ],
};

// ------------------------------------------------------------------ 3. Hanami (Japanese, rooftop)

const hanamiRooftop: DemoRestaurant = {
  slug: 'hanami-rooftop',
  ticketAges: { amberMinutes: 10, redMinutes: 15 },
  names: l('Hanami Rooftop', '花見天台日本料理', '花见天台日本料理'),
  descriptions: l(
    "Omakase-style sushi, robata grill and fine sake under the open sky, with sweeping harbour views from the hotel's rooftop.",
    '於酒店天台享用廚師發辦壽司、爐端燒及清酒，盡覽維港夜色。',
    '在酒店天台享用主厨精选寿司、炉端烧及清酒，尽览维港夜色。',
  ),
  cuisine: 'Japanese',
  area: 'Rooftop',
  priceLevel: 4,
  ...HK,
  openingHours: [0, 1, 2, 3, 4, 5, 6].map((day) => ({
    day,
    opens: '12:00',
    closes: day === 5 || day === 6 ? '23:30' : '23:00',
  })),
  cancellationPolicy: {
    freeCancelHours: 48,
    lateCancelFeePercent: 50,
    noShowFeePercent: 100,
    depositPerGuestCents: 30000,
    modifyUntilHours: 24,
    bookingLeadMinutes: 120,
    bookingHorizonDays: 60,
    slotMinutes: 30,
    stayMinutes: 120,
    stayMinutesByPartySize: [
      { upToPartySize: 4, minutes: 120 },
      { upToPartySize: 8, minutes: 150 },
    ],
    minPartySize: 1,
    maxPartySize: 8,
    coversPerSlot: 16,
    // the rooftop closes for the hotel's New Year's Eve party
    closedDates: ['2026-12-31'],
  },
  sort: 2,
  stations: [
    { key: 'sushi', names: l('Sushi Counter', '壽司吧', '寿司吧') },
    { key: 'robata', names: l('Robata & Hot Kitchen', '爐端燒及熱廚', '炉端烧及热厨') },
    { key: 'bar', names: l('Bar', '酒吧', '酒吧') },
  ],
  // sushi counter seats, tables and one private room
  tables: [...tables('C', [2, 2, 2, 2]), ...tables('T', [4, 4, 4], 1, 'terrace'), ...tables('T', [6, 6], 4), { label: 'R1', seats: 8 }],
  categories: [
    { key: 'sushi', names: l('Sashimi & Sushi', '刺身及壽司', '刺身及寿司') },
    { key: 'robata', names: l('Robatayaki', '爐端燒', '炉端烧') },
    { key: 'hot', names: l('Tempura & Hot Dishes', '天婦羅及熱食', '天妇罗及热菜') },
    { key: 'noodles', names: l('Noodles & Rice', '麵類及飯類', '面类及饭类') },
    { key: 'desserts', names: l('Desserts', '甜品', '甜品') },
    { key: 'drinks', names: l('Sake & Drinks', '清酒及飲品', '清酒及饮品') },
  ],
  ingredients: [
    { key: 'otoro', names: l('Bluefin otoro', '藍鰭吞拿魚拖羅', '蓝鳍金枪鱼大腹'), unit: 'g', quantity: 180, lowThreshold: 300 },
    { key: 'tuna', names: l('Tuna (akami)', '吞拿魚赤身', '金枪鱼赤身'), unit: 'g', quantity: 24000, lowThreshold: 3000 },
    { key: 'salmon', names: l('Salmon', '三文魚', '三文鱼'), unit: 'g', quantity: 24000, lowThreshold: 3000 },
    { key: 'scallops', names: l('Hokkaido scallops', '北海道帶子', '北海道扇贝'), unit: 'pc', quantity: 500, lowThreshold: 60 },
    { key: 'rice', names: l('Sushi rice', '壽司米', '寿司米'), unit: 'g', quantity: 60000, lowThreshold: 8000 },
    { key: 'avocado', names: l('Avocados', '牛油果', '牛油果'), unit: 'pc', quantity: 120, lowThreshold: 16 },
    { key: 'wagyu', names: l('A5 wagyu sirloin', 'A5和牛西冷', 'A5和牛西冷'), unit: 'g', quantity: 400, lowThreshold: 800 },
    { key: 'chickenThigh', names: l('Chicken thigh', '雞腿肉', '鸡腿肉'), unit: 'g', quantity: 30000, lowThreshold: 3000 },
    { key: 'blackCod', names: l('Black cod', '銀鱈魚', '银鳕鱼'), unit: 'g', quantity: 30000, lowThreshold: 3200 },
    { key: 'kingOyster', names: l('King oyster mushrooms', '杏鮑菇', '杏鲍菇'), unit: 'g', quantity: 25000, lowThreshold: 3000 },
    { key: 'prawns', names: l('Tiger prawns', '虎蝦', '虎虾'), unit: 'pc', quantity: 900, lowThreshold: 90 },
    { key: 'vegetables', names: l('Seasonal vegetables', '時令蔬菜', '时令蔬菜'), unit: 'g', quantity: 36000, lowThreshold: 4000 },
    { key: 'tofu', names: l('Silken tofu', '嫩豆腐', '嫩豆腐'), unit: 'g', quantity: 24000, lowThreshold: 3000 },
    { key: 'udon', names: l('Inaniwa udon', '稻庭烏冬', '稻庭乌冬'), unit: 'g', quantity: 20000, lowThreshold: 2000 },
    { key: 'ramen', names: l('Ramen noodles', '拉麵', '拉面'), unit: 'portion', quantity: 220, lowThreshold: 30 },
    { key: 'eel', names: l('Freshwater eel', '鰻魚', '鳗鱼'), unit: 'g', quantity: 24000, lowThreshold: 2400 },
    { key: 'eggs', names: l('Eggs', '雞蛋', '鸡蛋'), unit: 'pc', quantity: 900, lowThreshold: 100 },
    { key: 'cream', names: l('Cream', '忌廉', '淡奶油'), unit: 'ml', quantity: 20000, lowThreshold: 2000 },
    { key: 'yuzuSorbet', names: l('Yuzu sorbet', '柚子雪葩', '柚子雪芭'), unit: 'ml', quantity: 20000, lowThreshold: 2000 },
    { key: 'sake', names: l('Junmai daiginjo sake', '純米大吟釀', '纯米大吟酿'), unit: 'ml', quantity: 18000, lowThreshold: 1800 },
  ],
  dishes: [
    {
      names: l("Chef's Sashimi Selection", '廚師精選刺身', '主厨精选刺身'),
      descriptions: l(
        "Five kinds of the day's finest sashimi flown in from Japan, chosen by our head chef.",
        '主廚每日精選五款由日本空運到港的時令刺身。',
        '主厨每日精选五款从日本空运抵港的时令刺身。',
      ),
      category: 'sushi',
      station: 'sushi',
      priceCents: 68000,
      tags: ['umami', 'signature', 'seasonal'],
      allergens: ['fish', 'mollusc'],
      spiceLevel: 0,
      modifiers: [
        {
          names: l('Selection', '款數', '款数'),
          minChoices: 1,
          maxChoices: 1,
          options: [
            { names: l('Five kinds', '五款', '五款'), priceDeltaCents: 0 },
            { names: l('Seven kinds', '七款', '七款'), priceDeltaCents: 28000 },
          ],
        },
      ],
      recipe: [
        { ingredient: 'tuna', quantity: 80 },
        { ingredient: 'salmon', quantity: 80 },
        { ingredient: 'scallops', quantity: 2 },
      ],
    },
    {
      names: l('Bluefin Otoro Sashimi', '藍鰭吞拿魚拖羅刺身', '蓝鳍金枪鱼大腹刺身'),
      descriptions: l(
        'Five slices of the richest, most marbled cut of bluefin tuna belly. Very limited each day.',
        '藍鰭吞拿魚腹部最肥美的部位，油花豐盈，入口即溶，每日極少量供應，五切。',
        '蓝鳍金枪鱼腹部最肥美的部位，油花丰盈，入口即化，每日极少量供应，五片。',
      ),
      category: 'sushi',
      station: 'sushi',
      priceCents: 48000,
      tags: ['umami', 'signature'],
      allergens: ['fish'],
      spiceLevel: 0,
      modifiers: [],
      recipe: [{ ingredient: 'otoro', quantity: 60 }],
    },
    {
      names: l('Salmon Nigiri', '三文魚壽司', '三文鱼寿司'),
      descriptions: l(
        'Two pieces of Norwegian salmon over hand-pressed seasoned rice.',
        '挪威三文魚配手握醋飯，每份兩件。',
        '挪威三文鱼配手握醋饭，每份两件。',
      ),
      category: 'sushi',
      station: 'sushi',
      priceCents: 9800,
      tags: ['umami'],
      allergens: ['fish', 'soy'],
      spiceLevel: 0,
      modifiers: [],
      recipe: [
        { ingredient: 'salmon', quantity: 40 },
        { ingredient: 'rice', quantity: 40 },
      ],
    },
    {
      names: l('Spicy Tuna Roll', '香辣吞拿魚卷', '香辣金枪鱼卷'),
      descriptions: l(
        'Chopped tuna with chilli mayonnaise, cucumber and tempura crunch, eight pieces.',
        '吞拿魚蓉拌香辣蛋黃醬，配青瓜及天婦羅脆粒，共八件。',
        '金枪鱼碎拌香辣蛋黄酱，配黄瓜及天妇罗脆粒，共八件。',
      ),
      category: 'sushi',
      station: 'sushi',
      priceCents: 16800,
      tags: ['spicy', 'umami'],
      allergens: ['fish', 'egg', 'gluten', 'sesame', 'soy'],
      spiceLevel: 2,
      modifiers: [],
      recipe: [
        { ingredient: 'tuna', quantity: 60 },
        { ingredient: 'rice', quantity: 120 },
      ],
    },
    {
      names: l('Avocado and Cucumber Roll', '牛油果青瓜卷', '牛油果黄瓜卷'),
      descriptions: l(
        'A light inside-out roll of ripe avocado and cucumber with toasted sesame.',
        '反卷壽司包裹牛油果及青瓜，灑上烘香芝麻。',
        '反卷寿司包裹牛油果及黄瓜，撒上烤香芝麻。',
      ),
      category: 'sushi',
      station: 'sushi',
      priceCents: 11800,
      tags: ['savory', 'vegetarian', 'vegan'],
      allergens: ['sesame', 'soy'],
      spiceLevel: 0,
      modifiers: [],
      recipe: [
        { ingredient: 'rice', quantity: 120 },
        { ingredient: 'avocado', quantity: 0.5 },
      ],
    },
    {
      names: l('A5 Wagyu Sirloin', 'A5和牛西冷', 'A5和牛西冷'),
      descriptions: l(
        'Kagoshima A5 wagyu seared over binchotan charcoal, with fresh wasabi and sea salt. Very limited each day.',
        '鹿兒島A5和牛以備長炭燒製，配新鮮山葵及海鹽，每日極少量供應。',
        '鹿儿岛A5和牛以备长炭烤制，配新鲜山葵及海盐，每日极少量供应。',
      ),
      category: 'robata',
      station: 'robata',
      priceCents: 88000,
      tags: ['umami', 'gluten-free', 'signature'],
      allergens: [],
      spiceLevel: 0,
      modifiers: [
        {
          names: l('Portion', '份量', '份量'),
          minChoices: 1,
          maxChoices: 1,
          options: [
            { names: l('80 g', '80克', '80克'), priceDeltaCents: 0 },
            { names: l('120 g', '120克', '120克'), priceDeltaCents: 38000 },
          ],
        },
      ],
      recipe: [{ ingredient: 'wagyu', quantity: 80 }],
    },
    {
      names: l('Chicken Thigh and Leek Yakitori', '雞腿肉大蔥串燒', '鸡腿肉大葱串烧'),
      descriptions: l(
        'Two skewers of juicy chicken thigh and Tokyo leek, grilled over charcoal with salt or tare.',
        '炭燒雞腿肉配東京大蔥，肉汁豐富，可選鹽燒或醬燒，每份兩串。',
        '炭烤鸡腿肉配东京大葱，肉汁丰富，可选盐烧或酱烧，每份两串。',
      ),
      category: 'robata',
      station: 'robata',
      priceCents: 8800,
      tags: ['savory'],
      allergens: ['soy', 'gluten'],
      spiceLevel: 0,
      modifiers: [
        {
          names: l('Seasoning', '調味', '调味'),
          minChoices: 1,
          maxChoices: 1,
          options: [
            { names: l('Sea salt', '鹽燒', '盐烧'), priceDeltaCents: 0 },
            { names: l('Tare glaze', '醬燒', '酱烧'), priceDeltaCents: 0 },
          ],
        },
      ],
      recipe: [{ ingredient: 'chickenThigh', quantity: 120 }],
    },
    {
      names: l('Saikyo Miso Black Cod', '西京燒銀鱈魚', '西京烧银鳕鱼'),
      descriptions: l(
        'Alaskan black cod marinated for three days in sweet Saikyo miso, then grilled until caramelised.',
        '阿拉斯加銀鱈魚以西京味噌醃製三天，燒至表面焦香。',
        '阿拉斯加银鳕鱼以西京味噌腌制三天，烤至表面焦香。',
      ),
      category: 'robata',
      station: 'robata',
      priceCents: 36800,
      tags: ['sweet', 'umami', 'signature'],
      allergens: ['fish', 'soy'],
      spiceLevel: 0,
      modifiers: [],
      recipe: [{ ingredient: 'blackCod', quantity: 160 }],
    },
    {
      names: l('Charcoal-Grilled King Oyster Mushroom', '炭燒杏鮑菇', '炭烤杏鲍菇'),
      descriptions: l(
        'Thick-cut king oyster mushroom grilled over charcoal and brushed with yuzu soy.',
        '厚切杏鮑菇以炭火燒香，掃上柚子醬油。',
        '厚切杏鲍菇以炭火烤香，刷上柚子酱油。',
      ),
      category: 'robata',
      station: 'robata',
      priceCents: 8800,
      tags: ['umami', 'vegetarian', 'vegan'],
      allergens: ['soy', 'gluten'],
      spiceLevel: 0,
      modifiers: [],
      recipe: [{ ingredient: 'kingOyster', quantity: 150 }],
    },
    {
      names: l('Tiger Prawn Tempura', '虎蝦天婦羅', '虎虾天妇罗'),
      descriptions: l(
        'Three tiger prawns in a feather-light batter, with tentsuyu and grated daikon.',
        '三隻虎蝦裹上輕薄麵衣炸至酥脆，配天婦羅汁及蘿蔔蓉。',
        '三只虎虾裹上轻薄面衣炸至酥脆，配天妇罗汁及萝卜泥。',
      ),
      category: 'hot',
      station: 'robata',
      priceCents: 19800,
      tags: ['savory'],
      allergens: ['crustacean', 'gluten', 'egg', 'soy', 'fish'],
      spiceLevel: 0,
      modifiers: [],
      recipe: [{ ingredient: 'prawns', quantity: 3 }],
    },
    {
      names: l('Seasonal Vegetable Tempura', '時令雜菜天婦羅', '时令蔬菜天妇罗'),
      descriptions: l(
        'Pumpkin, shiso, lotus root, aubergine and shiitake in crisp tempura batter, with matcha salt.',
        '南瓜、紫蘇葉、蓮藕、茄子及冬菇天婦羅，香脆輕盈，配抹茶鹽。',
        '南瓜、紫苏叶、莲藕、茄子及香菇天妇罗，香脆轻盈，配抹茶盐。',
      ),
      category: 'hot',
      station: 'robata',
      priceCents: 13800,
      tags: ['savory', 'vegetarian', 'seasonal'],
      allergens: ['gluten', 'egg'],
      spiceLevel: 0,
      modifiers: [],
      recipe: [{ ingredient: 'vegetables', quantity: 180 }],
    },
    {
      names: l('Agedashi Tofu', '揚出豆腐', '日式炸豆腐'),
      descriptions: l(
        'Silken tofu lightly fried and served in warm dashi with grated daikon and bonito flakes.',
        '嫩豆腐輕炸後浸於熱高湯中，配蘿蔔蓉及木魚花。',
        '嫩豆腐轻炸后浸在热高汤中，配萝卜泥及木鱼花。',
      ),
      category: 'hot',
      station: 'robata',
      priceCents: 9800,
      tags: ['savory', 'umami'],
      allergens: ['soy', 'fish', 'gluten'],
      spiceLevel: 0,
      modifiers: [],
      recipe: [{ ingredient: 'tofu', quantity: 150 }],
    },
    {
      names: l('Chilled Inaniwa Udon', '稻庭冷烏冬', '稻庭冷乌冬'),
      descriptions: l(
        'Silky hand-stretched Inaniwa udon on ice, with a light soy and dashi dipping sauce.',
        '手延稻庭烏冬幼滑彈牙，冰鎮後配鰹魚醬油沾汁。',
        '手延稻庭乌冬细滑弹牙，冰镇后配鲣鱼酱油蘸汁。',
      ),
      category: 'noodles',
      station: 'robata',
      priceCents: 13800,
      tags: ['umami'],
      allergens: ['gluten', 'soy', 'fish'],
      spiceLevel: 0,
      modifiers: [
        {
          names: l('Add-ons', '加配', '加配'),
          minChoices: 0,
          maxChoices: 2,
          options: [
            { names: l('Prawn tempura (1 piece)', '天婦羅蝦（一隻）', '天妇罗虾（一只）'), priceDeltaCents: 6800 },
            { names: l('Onsen egg', '溫泉蛋', '温泉蛋'), priceDeltaCents: 1800 },
          ],
        },
      ],
      recipe: [{ ingredient: 'udon', quantity: 100 }],
    },
    {
      names: l('Spicy Miso Ramen', '辛辣味噌拉麵', '香辣味噌拉面'),
      descriptions: l(
        'Rich pork bone and miso broth with chilli oil, chashu pork, a marinated egg and sweetcorn.',
        '濃郁豬骨味噌湯底加入辣油，配叉燒、溏心蛋及粟米。',
        '浓郁猪骨味噌汤底加入辣油，配叉烧、溏心蛋及玉米。',
      ),
      category: 'noodles',
      station: 'robata',
      priceCents: 15800,
      tags: ['spicy', 'umami'],
      allergens: ['gluten', 'soy', 'egg', 'sesame'],
      spiceLevel: 3,
      modifiers: [spiceChoice],
      recipe: [
        { ingredient: 'ramen', quantity: 1 },
        { ingredient: 'eggs', quantity: 1 },
      ],
    },
    {
      names: l('Grilled Eel Rice Bowl', '鰻魚飯', '鳗鱼饭'),
      descriptions: l(
        'Charcoal-grilled freshwater eel glazed with sweet kabayaki sauce over steamed rice.',
        '炭燒鰻魚掃上甜醬汁，鋪於香軟白飯上。',
        '炭烤鳗鱼刷上甜酱汁，铺在香软白饭上。',
      ),
      category: 'noodles',
      station: 'robata',
      priceCents: 32800,
      tags: ['sweet', 'umami', 'signature'],
      allergens: ['fish', 'soy', 'gluten'],
      spiceLevel: 0,
      modifiers: [],
      recipe: [
        { ingredient: 'eel', quantity: 120 },
        { ingredient: 'rice', quantity: 250 },
      ],
    },
    {
      names: l('Matcha Crème Brûlée', '抹茶焦糖燉蛋', '抹茶焦糖炖蛋'),
      descriptions: l(
        'Uji matcha custard under a crackling caramelised sugar crust.',
        '宇治抹茶燉蛋，面層焦糖香脆。',
        '宇治抹茶炖蛋，表层焦糖香脆。',
      ),
      category: 'desserts',
      station: 'sushi',
      priceCents: 8800,
      tags: ['sweet', 'vegetarian', 'gluten-free'],
      allergens: ['egg', 'milk'],
      spiceLevel: 0,
      modifiers: [],
      recipe: [
        { ingredient: 'cream', quantity: 100 },
        { ingredient: 'eggs', quantity: 1 },
      ],
    },
    {
      names: l('Black Sesame Ice Cream', '黑芝麻雪糕', '黑芝麻冰淇淋'),
      descriptions: l(
        'House-churned ice cream of stone-ground black sesame.',
        '自家製石磨黑芝麻雪糕，香濃幼滑。',
        '自制石磨黑芝麻冰淇淋，香浓细滑。',
      ),
      category: 'desserts',
      station: 'sushi',
      priceCents: 6800,
      tags: ['sweet', 'vegetarian', 'gluten-free'],
      allergens: ['milk', 'egg', 'sesame'],
      spiceLevel: 0,
      modifiers: [],
      recipe: [],
    },
    {
      names: l('Yuzu Sorbet', '柚子雪葩', '柚子雪芭'),
      descriptions: l('A bright, refreshing sorbet of Kochi yuzu.', '以高知縣柚子製成，清新開胃。', '以高知县柚子制成，清新开胃。'),
      category: 'desserts',
      station: 'sushi',
      priceCents: 6800,
      tags: ['sweet', 'sour', 'vegetarian', 'vegan', 'gluten-free'],
      allergens: [],
      spiceLevel: 0,
      modifiers: [],
      recipe: [{ ingredient: 'yuzuSorbet', quantity: 100 }],
    },
    {
      names: l('Junmai Daiginjo Sake', '純米大吟釀', '纯米大吟酿'),
      descriptions: l(
        'A fragrant, elegant junmai daiginjo from Niigata, served chilled.',
        '來自新潟的純米大吟釀，香氣華麗，口感清雅，冰鎮飲用。',
        '来自新潟的纯米大吟酿，香气华丽，口感清雅，冰镇饮用。',
      ),
      category: 'drinks',
      station: 'bar',
      priceCents: 16800,
      tags: ['vegetarian', 'vegan', 'gluten-free'],
      allergens: [],
      spiceLevel: 0,
      modifiers: [
        {
          names: l('Serving', '份量', '份量'),
          minChoices: 1,
          maxChoices: 1,
          options: [
            { names: l('Glass (90 ml)', '一杯（90毫升）', '一杯（90毫升）'), priceDeltaCents: 0 },
            { names: l('Carafe (180 ml)', '一壺（180毫升）', '一壶（180毫升）'), priceDeltaCents: 14000 },
          ],
        },
      ],
      recipe: [{ ingredient: 'sake', quantity: 90 }],
    },
    {
      names: l('Yuzu Whisky Highball', '柚子威士忌梳打', '柚子威士忌苏打'),
      descriptions: l(
        'Japanese whisky, fresh yuzu and sparkling soda over a single clear ice block.',
        '日本威士忌加入新鮮柚子汁及梳打水，配晶瑩冰柱。',
        '日本威士忌加入新鲜柚子汁及苏打水，配晶莹冰柱。',
      ),
      category: 'drinks',
      station: 'bar',
      priceCents: 12800,
      tags: ['sour', 'vegetarian', 'vegan'],
      allergens: [],
      spiceLevel: 0,
      modifiers: [],
      recipe: [],
    },
  ],
  promotions: [
    welcome10,
    firstOrder,
    spendAndSave('spend-1000-save-100', 1000, 100),
    {
      key: 'free-sorbet',
      code: null,
      names: l('Free yuzu sorbet over HK$800', '滿HK$800送柚子雪葩', '满HK$800送柚子雪芭'),
      kind: 'free_item',
      value: 1,
      minSubtotalCents: 80000,
      freeDish: 'yuzu-sorbet',
      priority: 0,
    },
  ],
};

/** In listing order: the first is the restaurant chef@ and host@ work in. */
export const DEMO_RESTAURANTS: readonly DemoRestaurant[] = [jadeHarbour, seabreezeCafe, hanamiRooftop];

// ------------------------------------------------------------------ people

export const DEMO_PASSWORD = 'dinewire-demo';

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'manager@example.com', name: 'Grace Lau', role: 'manager', restaurants: 'all' },
  { email: 'chef@example.com', name: 'Leung Wing Kei', role: 'kitchen', restaurants: 'first' },
  { email: 'host@example.com', name: 'Kelly Ng', role: 'host', restaurants: 'first' },
  { email: 'guest@example.com', name: 'Alex Chan', role: 'guest', phone: '+852 9123 4567', restaurants: 'none' },
];

/** Today's date (`YYYY-MM-DD`) in the hotel's time zone. */
export function hotelToday(now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: DEMO_HOTEL.timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Guests staying in the hotel now, for room charges; dates are relative to today. */
export function demoHotelStays(now: Date = new Date()): DemoHotelStay[] {
  const today = hotelToday(now);
  const stay = (roomNumber: string, guestName: string, pin: string, inDays: number, outDays: number): DemoHotelStay => ({
    roomNumber,
    guestName,
    pin,
    checkIn: addDays(today, inDays),
    checkOut: addDays(today, outDays),
  });
  return [
    stay('1208', 'Chan Tai Man', '4821', -3, 2),
    stay('1512', 'Wong Siu Ling', '7305', -1, 4),
    stay('0917', 'Emily Carter', '2649', -5, 1),
    stay('2306', 'Lee Ka Ho', '9184', -2, 3),
    stay('1821', 'Sato Yuki', '5530', 0, 3),
    stay('2710', 'Michael Brown', '6072', -4, 2),
    stay('1103', 'Zhang Wei', '3417', -1, 5),
    stay('3101', 'Priya Sharma', '8256', -2, 6),
  ];
}

// ------------------------------------------------------------------ self-check

/**
 * Problems in the data (unknown keys, bad tags, a vegan dish with milk...); empty when
 * consistent. The seeder refuses to write data that fails this.
 */
export function demoDataProblems(restaurants: readonly DemoRestaurant[] = DEMO_RESTAURANTS): string[] {
  const problems: string[] = [];
  const restaurantSlugs = new Set<string>();
  const dishSlugs = new Set<string>();
  const animal: Allergen[] = ['egg', 'milk', 'fish', 'crustacean', 'mollusc'];
  const texts = (what: string, t: Localized) => {
    for (const k of ['en', 'zh-Hant', 'zh-Hans'] as const) {
      if (!t[k] || t[k].trim() === '') problems.push(`${what}: missing ${k}`);
    }
  };
  for (const r of restaurants) {
    const where = r.slug;
    if (restaurantSlugs.has(r.slug)) problems.push(`${where}: duplicate restaurant slug`);
    restaurantSlugs.add(r.slug);
    if (!/^[a-z0-9-]{1,80}$/.test(r.slug)) problems.push(`${where}: bad slug`);
    const { amberMinutes, redMinutes } = r.ticketAges;
    if (!(amberMinutes >= 1 && amberMinutes < redMinutes && redMinutes <= 480)) problems.push(`${where}: ticket ages`);
    texts(`${where} name`, r.names);
    texts(`${where} description`, r.descriptions);
    const stations = new Set(r.stations.map((s) => s.key));
    const categories = new Set(r.categories.map((c) => c.key));
    const ingredients = new Set(r.ingredients.map((i) => i.key));
    const labels = new Set<string>();
    for (const t of r.tables) {
      if (labels.has(t.label)) problems.push(`${where}: duplicate table ${t.label}`);
      labels.add(t.label);
      if (t.seats < 1 || t.seats > 40) problems.push(`${where}: table ${t.label} seats`);
    }
    // The largest party fits one table, or a join group's tables together.
    const groupSeats = new Map<string, number>();
    for (const t of r.tables) if (t.joinGroup) groupSeats.set(t.joinGroup, (groupSeats.get(t.joinGroup) ?? 0) + t.seats);
    const mostSeats = Math.max(...r.tables.map((t) => t.seats), ...groupSeats.values());
    if (mostSeats < r.cancellationPolicy.maxPartySize) problems.push(`${where}: no table or join group seats the largest party`);
    const days = new Set(r.openingHours.map((h) => h.day));
    if (days.size !== 7) problems.push(`${where}: opening hours do not cover every day`);
    for (const i of r.ingredients) {
      texts(`${where} ingredient ${i.key}`, i.names);
      if (i.quantity < 0 || i.lowThreshold < 0) problems.push(`${where}: ingredient ${i.key} negative`);
    }
    const codes = new Set<string>();
    const keys = new Set<string>();
    const slugs = new Set(r.dishes.map(dishSlug));
    for (const p of r.promotions) {
      const what = `${where} promotion ${p.key}`;
      texts(what, p.names);
      if (keys.has(p.key)) problems.push(`${what}: duplicate key`);
      keys.add(p.key);
      if (p.code !== null) {
        if (codes.has(p.code.toUpperCase())) problems.push(`${what}: duplicate code ${p.code}`);
        codes.add(p.code.toUpperCase());
      }
      if (p.value <= 0 || (p.kind === 'percent' && p.value > 100)) problems.push(`${what}: value`);
      if (p.category && !categories.has(p.category)) problems.push(`${what}: unknown category ${p.category}`);
      if ((p.kind === 'free_item') !== Boolean(p.freeDish) || (p.freeDish && !slugs.has(p.freeDish))) problems.push(`${what}: free dish`);
      if (p.window && !(p.window.from < p.window.to)) problems.push(`${what}: window`);
    }
    for (const d of r.dishes) {
      const slug = dishSlug(d);
      const what = `${where}/${slug}`;
      if (!/^[a-z0-9-]{1,80}$/.test(slug)) problems.push(`${what}: bad slug`);
      if (dishSlugs.has(slug)) problems.push(`${what}: duplicate dish slug`);
      dishSlugs.add(slug);
      texts(`${what} name`, d.names);
      texts(`${what} description`, d.descriptions);
      if (!categories.has(d.category)) problems.push(`${what}: unknown category ${d.category}`);
      if (!stations.has(d.station)) problems.push(`${what}: unknown station ${d.station}`);
      if (!Number.isInteger(d.priceCents) || d.priceCents < 0) problems.push(`${what}: price`);
      if (d.recipe.length > 4) problems.push(`${what}: more than 4 recipe lines`);
      const used = new Set<string>();
      for (const line of d.recipe) {
        if (!ingredients.has(line.ingredient)) problems.push(`${what}: unknown ingredient ${line.ingredient}`);
        if (used.has(line.ingredient)) problems.push(`${what}: ingredient ${line.ingredient} twice`);
        used.add(line.ingredient);
        if (!(line.quantity > 0)) problems.push(`${what}: recipe quantity`);
      }
      if (d.modifiers.length > 2) problems.push(`${what}: more than 2 modifier groups`);
      for (const g of d.modifiers) {
        texts(`${what} modifier`, g.names);
        if (g.minChoices < 0 || g.maxChoices < 1 || g.maxChoices < g.minChoices || g.maxChoices > g.options.length) {
          problems.push(`${what}: modifier ${g.names.en} choices`);
        }
        for (const o of g.options) texts(`${what} option`, o.names);
      }
      if (d.tags.includes('vegan') && d.allergens.some((a) => animal.includes(a))) {
        problems.push(`${what}: vegan with animal allergens`);
      }
      if (d.tags.includes('vegan') && !d.tags.includes('vegetarian')) problems.push(`${what}: vegan but not vegetarian`);
      if (d.tags.includes('vegetarian') && d.allergens.some((a) => a === 'fish' || a === 'crustacean' || a === 'mollusc')) {
        problems.push(`${what}: vegetarian with seafood allergens`);
      }
      if (d.tags.includes('gluten-free') && d.allergens.includes('gluten')) problems.push(`${what}: gluten-free with gluten`);
      if (d.spiceLevel >= 2 && !d.tags.includes('spicy')) problems.push(`${what}: spice level ${d.spiceLevel} without the spicy tag`);
      if (d.spiceLevel === 0 && d.tags.includes('spicy')) problems.push(`${what}: tagged spicy with spice level 0`);
    }
  }
  return problems;
}

import type { Locale, Restaurant as RestaurantView, RestaurantRef } from '@dinewire/protocol';
import type { Restaurant } from '../../models';
import { bookingPolicyOf } from '../reservations/bookingRules';

/**
 * A restaurant as the API shows it, in one language (with every language's name), with its stations;
 * with `kitchenSettings` (staff and its kitchen screens, as the policies decide) also its ticket ages.
 */
export function presentRestaurant(r: Restaurant, lang: Locale, opts: { kitchenSettings?: boolean } = {}): RestaurantView {
  const view: RestaurantView = {
    id: r.id,
    slug: r.slug,
    name: r.names[lang],
    description: r.descriptions[lang],
    names: r.names,
    cuisine: r.cuisine,
    area: r.area,
    priceLevel: r.priceLevel,
    timeZone: r.timeZone,
    currency: r.currency.trim(),
    taxRateBps: r.taxRateBps,
    serviceChargeBps: r.serviceChargeBps,
    openingHours: r.openingHours,
    // A guest's booking screen reads the days, party sizes and deposit from these rules.
    bookingPolicy: bookingPolicyOf(r.cancellationPolicy),
    imageUrl: r.imageUrl,
    stations: (r.stations ?? []).map((s) => ({ id: s.id, name: s.names[lang] })),
  };
  if (opts.kitchenSettings) view.ticketAges = { amberMinutes: r.ticketAmberMinutes, redMinutes: r.ticketRedMinutes };
  return view;
}

/** A restaurant as a guest's order history names it (in every language: the guest's app picks). */
export function presentRestaurantRef(r: Restaurant): RestaurantRef {
  return { id: r.id, slug: r.slug, names: r.names, timeZone: r.timeZone };
}

import type { Locale, TableQrSheet } from '@dinewire/protocol';
import QRCode from 'qrcode';
import type { Ctx } from '../../context';
import { models } from '../../models';
import { authorize } from '../../policies';
import { findRestaurant } from './restaurants.service';
import { presentTableQr } from './tableQr.presenter';

// T2 before T10, as the tables stand in the room.
const byLabel = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** A table's guest ordering address (CONTRACT's Screens: `/kiosk/r/:r?table=<tableId>`) on `origin`. */
export function tableOrderUrl(origin: string, slug: string, tableId: string): string {
  const url = new URL(`/kiosk/r/${encodeURIComponent(slug)}`, origin);
  url.searchParams.set('table', tableId);
  return url.href;
}

/**
 * The restaurant's tables, each with its ordering address on `origin` and that address drawn as
 * an SVG QR code: level M survives a scuffed or folded card. The drawing keeps a 2-module white
 * margin; the printed card's white padding around it makes up the standard's 4-module quiet zone,
 * and the code itself gets the room on the card.
 */
export async function tableQrCodes(ctx: Ctx, props: { restaurantId: string; origin: string; lang: Locale }): Promise<TableQrSheet> {
  authorize(ctx.actor, 'table.qrCodes', { restaurantId: props.restaurantId });
  const r = await findRestaurant(ctx.sequelize, props.restaurantId);
  const tables = await models(ctx.sequelize).DiningTable.findAll({ where: { restaurantId: r.id }, attributes: ['id', 'label', 'seats'] });
  tables.sort((a, b) => byLabel.compare(a.label, b.label));
  const cards = await Promise.all(
    tables.map(async (t) => {
      const url = tableOrderUrl(props.origin, r.slug, t.id);
      const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return presentTableQr(t, { url, svg });
    }),
  );
  return { restaurant: { id: r.id, name: r.names[props.lang], slug: r.slug }, tables: cards };
}

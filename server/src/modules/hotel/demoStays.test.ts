import fs from 'node:fs';
import path from 'node:path';
import { createSequelize } from '../../db/connection';
import { migrate } from '../../db/migrator';
import { DEMO_RESTAURANTS, demoHotelStays } from '../../demo/demoData';
import { seedDemo } from '../../demo/demoSeeder';
import { models } from '../../models';
import { scratchDatabase } from '../../test/scratchDb';
import { testConfig } from '../../test/harness';
import { matchStay } from './hotelStays';

/** The demo hotel's guests take the PINs the README gives them; one restaurant holds room charges for staff. */
describe('the demo guest list', () => {
  let scratch: Awaited<ReturnType<typeof scratchDatabase>> | undefined;
  afterAll(() => scratch?.drop());

  it('seeds every stay encrypted, with the PIN the README lists', async () => {
    scratch = await scratchDatabase('demo_stays');
    const sequelize = createSequelize(scratch.url, { poolMax: 2 });
    const { piiKey } = testConfig();
    const readme = fs.readFileSync(path.resolve(__dirname, '../../../../README.md'), 'utf8');
    try {
      await migrate(sequelize, undefined, { piiKey });
      await seedDemo(sequelize, { piiKey });
      for (const s of demoHotelStays()) {
        expect(readme).toContain(`| \`${s.roomNumber}\` | ${s.guestName} | \`${s.pin}\` |`);
        const match = await sequelize.transaction((t) => matchStay(sequelize, t, piiKey, { ...s, timeZone: DEMO_RESTAURANTS[0].timeZone }));
        expect({ room: s.roomNumber, match }).toEqual({ room: s.roomNumber, match: { stayId: expect.any(String), pinMatches: true } });
      }
      const holding = await models(sequelize).Restaurant.findAll({ where: { holdRoomCharges: true }, attributes: ['slug'] });
      expect(holding.map((r) => r.slug)).toEqual(DEMO_RESTAURANTS.filter((r) => r.holdRoomCharges).map((r) => r.slug));
      expect(holding).toHaveLength(1);
    } finally {
      await sequelize.close();
    }
  });
});

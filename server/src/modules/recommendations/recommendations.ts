import type { Recommendations } from '@dinewire/protocol';
import type { Ctx } from '../../context';
import { rows } from '../../db/sql';
import { notFound } from '../../errors';
import { authorize } from '../../policies';
import { models } from '../../models';
import { presentRecommendations } from './recommendations.presenter';

/**
 * "Goes well with" `dishIds`: the restaurant's other dishes, by the sum of their pairing scores with
 * them (from the refresh job's table), leaving out the dishes asked about and every dish that cannot
 * be ordered now (off the menu, taken off by hand, or without stock for one portion).
 */
export async function recommendFor(ctx: Ctx, q: { restaurantId: string; dishIds: string[]; limit: number }): Promise<Recommendations> {
  const restaurant = await models(ctx.sequelize).Restaurant.findByPk(q.restaurantId, { attributes: ['id'] });
  if (!restaurant) throw notFound('Restaurant');
  authorize(ctx.actor, 'restaurant.recommendations', { restaurantId: q.restaurantId });
  const found = await rows<{ dish_id: string; score: number }>(
    ctx.sequelize,
    `SELECT p.other_dish_id AS dish_id, sum(p.score)::float AS score
       FROM dish_pairings p JOIN dishes d ON d.id = p.other_dish_id
      WHERE p.restaurant_id = $restaurantId AND p.dish_id = ANY($dishIds::uuid[]) AND NOT p.other_dish_id = ANY($dishIds::uuid[])
        AND d.active AND d.sold_out_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM recipe_lines rl JOIN ingredients i ON i.id = rl.ingredient_id
                         WHERE rl.dish_id = d.id AND i.quantity < rl.quantity)
      GROUP BY p.other_dish_id
      ORDER BY score DESC, p.other_dish_id
      LIMIT $limit::int`,
    q,
  );
  return presentRecommendations(found);
}

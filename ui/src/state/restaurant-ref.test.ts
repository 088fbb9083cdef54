import { RESTAURANT_ID, restaurant } from '../testing';
import { isRestaurantId, restaurantIdOf } from './restaurant-ref';

describe('a restaurant named by the address', () => {
  it('tells an id from a slug', () => {
    expect(isRestaurantId(RESTAURANT_ID)).toBe(true);
    expect(isRestaurantId('jade-harbour')).toBe(false);
  });

  it('takes an id as it is, and looks a slug up, loading the list when it lacks it', async () => {
    let loads = 0;
    const list: { value: ReturnType<typeof restaurant>[] | null } = { value: null };
    const load = async () => {
      loads++;
      list.value = [restaurant()];
    };
    expect(await restaurantIdOf(RESTAURANT_ID, list, load)).toBe(RESTAURANT_ID);
    expect(loads).toBe(0);
    expect(await restaurantIdOf('jade-harbour', list, load)).toBe(RESTAURANT_ID);
    expect(loads).toBe(1);
    expect(await restaurantIdOf('jade-harbour', list, load)).toBe(RESTAURANT_ID);
    expect(loads).toBe(1);
    expect(await restaurantIdOf('nowhere', list, load)).toBeNull();
    expect(loads).toBe(2);
  });
});

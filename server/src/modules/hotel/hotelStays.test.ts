import { nameMatchesStay } from './hotelStays';

describe('a name matching a stay', () => {
  it.each([
    ['Chan Tai Man', 'chan  tai man'],
    ['Chan Tai Man', 'CHAN'],
    ['Alice Wong', 'wong'],
    ['WONG, Alice', 'Wong'],
    ['WONG, Alice', 'wong alice'],
    ['陳大文', '陳大文'],
    ['Ｌｅｅ Ｍｉｎｇ', 'lee'],
  ])('%s is named by “%s”', (stay, typed) => {
    expect(nameMatchesStay(stay, typed)).toBe(true);
  });

  it.each([
    ['Chan Tai Man', 'Tai'],
    ['Chan Tai Man', 'Chan Tai'],
    ['Alice Wong', 'Won'],
    ['Alice Wong', ''],
    ['Alice Wong', '   '],
    ['Madonna', 'madonn'],
    ['陳大文', '陳'],
  ])('%s is not named by “%s”', (stay, typed) => {
    expect(nameMatchesStay(stay, typed)).toBe(false);
  });
});

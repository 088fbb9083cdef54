/**
 * Numbers that the server and the apps must agree on.
 */

/**
 * A dish with this many portions left or fewer is "few left": the server announces every change
 * of its remaining count live (`menu.availability`), and the apps show the count to guests and staff.
 */
export const FEW_PORTIONS_LEFT = 5;

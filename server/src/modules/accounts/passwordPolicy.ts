/**
 * Which new passwords are refused: shorter than MIN_PASSWORD_LENGTH, or on zxcvbn-ts's list of
 * the 49,233 most common passwords (@zxcvbn-ts/language-common, MIT, bundled: works offline).
 */

export const MIN_PASSWORD_LENGTH = 10;

let common: Promise<Set<string>> | null = null;

/**
 * The list's entries that the length rule lets through (1,557), lower case. Loaded on first use:
 * unpacking the list takes about 100 ms and 6 MB, which a node that never registers anyone
 * should not pay at boot.
 */
function commonPasswords(): Promise<Set<string>> {
  common ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) => new Set(dictionary['passwords-common'].filter((p) => p.length >= MIN_PASSWORD_LENGTH).map((p) => p.toLowerCase())),
  );
  return common;
}

/** Why a new password is refused, or null when it may be used. */
export async function passwordProblem(password: string): Promise<string | null> {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `at least ${MIN_PASSWORD_LENGTH} characters`;
  if ((await commonPasswords()).has(password.toLowerCase())) return 'too common: choose one that is not on lists of common passwords';
  return null;
}

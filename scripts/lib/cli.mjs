// One way for every script to read its command line: node:util parseArgs, strict (an unknown
// flag is an error that names it), `--help`/`-h` printing the usage, exit code 2 on bad input.
import { parseArgs } from 'node:util';

export class UsageError extends Error {}

/**
 * Parses `argv` against `options` (parseArgs' shape, plus `help`). Prints the usage and exits
 * on `--help` (0) or on a bad command line (2). `check(values, positionals)` may throw
 * UsageError for values parseArgs cannot judge (ranges, choices).
 */
export function parseCommandLine({
  name,
  usage,
  argv = process.argv.slice(2),
  options = {},
  allowPositionals = false,
  tokens = false,
  check,
}) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals,
      strict: true,
      tokens,
    });
    if (!parsed.values.help) check?.(parsed.values, parsed.positionals);
  } catch (err) {
    // parseArgs' own errors carry a code (ERR_PARSE_ARGS_UNKNOWN_OPTION, ...); the rest are ours.
    if (!(err instanceof UsageError) && !String(err.code ?? '').startsWith('ERR_PARSE_ARGS')) throw err;
    process.stderr.write(`[${name}] ${err.message}\n${usage.split('\n')[0]}\n(--help for more)\n`);
    process.exit(2);
  }
  if (parsed.values.help) {
    process.stdout.write(usage);
    process.exit(0);
  }
  return parsed;
}

/** A whole number from a flag's text, or a UsageError naming the flag. */
export function wholeNumber(flag, text, { min, max }) {
  const value = Number(text);
  if (!/^\d+$/.test(String(text).trim()) || !Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`--${flag} must be a whole number from ${min} to ${max} (got ${JSON.stringify(text)})`);
  }
  return value;
}

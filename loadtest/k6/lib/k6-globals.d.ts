/**
 * k6's console (https://grafana.com/docs/k6/latest/javascript-api/#debugging): a global that
 * @types/k6 leaves out and lib ES2020 has no place for.
 */
declare const console: {
  log(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  debug(...args: unknown[]): void;
};

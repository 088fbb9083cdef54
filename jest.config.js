/**
 * Two projects, one `npx jest`:
 * - `server`: everything against real PostgreSQL and Redis (server/src/test/globalSetup.ts), the
 *   load scripts' tests and the apps' browser tests. TypeScript is transpiled per file
 *   (isolatedModules); `npm test` type-checks separately with tsc -b and svelte-check.
 * - `apps`: unit tests of the apps' pure logic and state classes (`ui/src`, `kiosk/src`,
 *   `dashboard/src`), compiled as the browser gets them: Svelte's client runtime (the `browser`
 *   export condition), runes compiled by ui/test/svelte-transform.mjs. No database.
 */
const protocol = { '^@dinewire/protocol$': '<rootDir>/protocol/src/index.ts' };

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60000,
  maxWorkers: 2,
  // Sockets and pools are closed by each suite; this only guards against a hung run in CI.
  forceExit: true,
  projects: [
    {
      displayName: 'server',
      testEnvironment: 'node',
      roots: [
        '<rootDir>/server/src',
        '<rootDir>/protocol/src',
        '<rootDir>/loadtest/src',
        '<rootDir>/kiosk/tests',
        '<rootDir>/dashboard/tests',
      ],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/server/tsconfig.json', diagnostics: false }] },
      moduleNameMapper: protocol,
      globalSetup: '<rootDir>/server/src/test/globalSetup.ts',
    },
    {
      displayName: 'apps',
      testEnvironment: 'node',
      testEnvironmentOptions: { customExportConditions: ['browser', 'svelte'] },
      roots: ['<rootDir>/ui/src', '<rootDir>/kiosk/src', '<rootDir>/dashboard/src'],
      testMatch: ['**/*.test.ts'],
      transform: { '\\.(ts|js)$': '<rootDir>/ui/test/svelte-transform.mjs' },
      // Svelte and the little it imports ship as ES modules only.
      transformIgnorePatterns: ['/node_modules/(?!(svelte|esm-env|clsx)/)'],
      moduleNameMapper: { ...protocol, '^@dinewire/ui/(\\w+)$': '<rootDir>/ui/src/$1/index.ts' },
    },
  ],
};

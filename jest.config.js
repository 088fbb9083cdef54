/**
 * Every test runs against real PostgreSQL and Redis (see server/src/test/globalSetup.ts).
 * TypeScript is transpiled per file (isolatedModules); `npm test` type-checks separately with tsc -b.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/server/src', '<rootDir>/protocol/src', '<rootDir>/loadtest/src', '<rootDir>/kiosk/tests', '<rootDir>/dashboard/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/server/tsconfig.json', diagnostics: false }] },
  moduleNameMapper: { '^@dinewire/protocol$': '<rootDir>/protocol/src/index.ts' },
  globalSetup: '<rootDir>/server/src/test/globalSetup.ts',
  testTimeout: 60000,
  maxWorkers: 2,
  // Sockets and pools are closed by each suite; this only guards against a hung run in CI.
  forceExit: true,
};

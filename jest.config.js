// Jest runs in ESM mode because Nest 12 ships ESM only (NODE_OPTIONS=--experimental-vm-modules is set by the npm scripts).
const tsJest = ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json' }];

const libAliases = {
  '^#event-store$': '<rootDir>/libs/event-store/src/index.ts',
  '^#event-store/eventstoredb$': '<rootDir>/libs/event-store/src/eventstoredb/eventstoredb-event-store.ts',
  '^#shared-kernel$': '<rootDir>/libs/shared-kernel/src/index.ts',
  '^#organizing$': '<rootDir>/libs/organizing/src/index.ts',
  '^#identity$': '<rootDir>/libs/identity/src/index.ts',
  '^#bargaining$': '<rootDir>/libs/bargaining/src/index.ts',
  '^#casework$': '<rootDir>/libs/casework/src/index.ts',
  '^#employment$': '<rootDir>/libs/employment/src/index.ts',
  '^#personal-data$': '<rootDir>/libs/personal-data/src/index.ts',
  '^#funds$': '<rootDir>/libs/funds/src/index.ts',
  '^#audit-trail$': '<rootDir>/libs/audit-trail/src/index.ts',
  '^#statistics$': '<rootDir>/libs/statistics/src/index.ts',
  '^#targets$': '<rootDir>/libs/targets/src/index.ts',
  '^#platform$': '<rootDir>/libs/platform/src/index.ts',
  '^#http$': '<rootDir>/libs/http/src/index.ts',
  '^#projections$': '<rootDir>/libs/projections/src/index.ts',
  '^#migrations$': '<rootDir>/infra/migrations/index.ts',
  // Sources import siblings with the .js extension Node's ESM resolver needs; Jest resolves the .ts file.
  '^(\\.{1,2}/.*)\\.js$': '$1',
};

const common = {
  rootDir: '.',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': tsJest },
  moduleNameMapper: libAliases,
  testEnvironment: 'node',
};

export default {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs}/**/*.unit.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/apps/admin-ui/'],
    },
    {
      // The browser app's own logic (money, dates, problem texts), compiled with the app's tsconfig.
      rootDir: '.',
      displayName: 'ui',
      testMatch: ['<rootDir>/apps/admin-ui/src/**/*.unit.spec.ts'],
      extensionsToTreatAsEsm: ['.ts', '.tsx'],
      transform: { '^.+\\.tsx?$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/apps/admin-ui/tsconfig.json' }] },
      testEnvironment: 'node',
    },
    {
      ...common,
      displayName: 'int',
      testMatch: ['<rootDir>/{apps,libs,infra}/**/*.int.spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
    },
    {
      // The admin UI in Debian's Chromium against the built server (npm run test:browser; needs /usr/bin/chromium).
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/ui/**/*.browser-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/ui/support/timeouts.ts'],
    },
  ],
};

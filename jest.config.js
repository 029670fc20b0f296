// Jest runs every test: the plugin's (jsdom, create-plugin's config) and the store's (node).
process.env.TZ = 'UTC';

const grafana = require('./.config/jest.config');

const swcTypeScript = [
  '@swc/jest',
  { sourceMaps: 'inline', jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' }, module: { type: 'commonjs' } },
];

module.exports = {
  testTimeout: 120000,
  projects: [
    {
      ...grafana,
      displayName: 'plugin',
      // d3-color and friends ship .mjs (TOOLCHAIN.md): transform those too.
      transform: { ...grafana.transform, '^.+\\.mjs$': grafana.transform['^.+\\.(t|j)sx?$'] },
      testMatch: ['<rootDir>/src/**/*.test.{ts,tsx}'],
    },
    {
      displayName: 'store',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': swcTypeScript },
      testMatch: ['<rootDir>/store/**/*.test.ts', '<rootDir>/provisioning/**/*.test.ts', '<rootDir>/dashboards/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
    },
  ],
};

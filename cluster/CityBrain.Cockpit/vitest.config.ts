import { defineConfig } from 'vitest/config';

// Unit tests of the page's pure modules, under Node: no browser, so they take seconds. The page itself is tested in a
// real browser by tests/CityBrain.Cockpit.Tests.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['./vitest.setup.ts'],
  },
});

import { defineConfig } from 'vitest/config';

// `npm run bench` runs TypeScript benchmarks through this config: one file at a time, no timeouts
// that a slow machine would trip, output printed as it comes.
export default defineConfig({
  test: {
    include: ['test/bench/**/*.bench.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/contract/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/packaging/**/*.test.ts', 'test/renderer/**/*.test.{ts,tsx}'],
    environment: 'node',
    // Each file in its own process: keychain tests change D-Bus variables before libsecret connects.
    pool: 'forks',
    // Vitest's default leaves one core idle; the suite is mostly waiting on loopback HTTP and child
    // processes, so both cores of our machines run it in 0.71× the time (222 s → 158 s, same run).
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});

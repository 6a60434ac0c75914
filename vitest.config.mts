import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/contract/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/packaging/**/*.test.ts', 'test/renderer/**/*.test.{ts,tsx}'],
    environment: 'node',
    // Each file in its own process: keychain tests change D-Bus variables before libsecret connects.
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});

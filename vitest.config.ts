import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Database-backed tests wait on PostgreSQL, not on the CPU; a slow machine must not fail them.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'service',
          include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
          globalSetup: ['test/helpers/global-setup.ts'],
          pool: 'forks',
        },
      },
      {
        // The web app's component tests: React in jsdom, no service, no database.
        plugins: [react()],
        test: { name: 'web', root: 'web', include: ['test/**/*.test.tsx'], environment: 'jsdom' },
      },
    ],
  },
});

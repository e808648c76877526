import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one worker on the 2-core CI machine. Most
    // files wait on sockets, child processes and timers rather than compute, so two share the
    // cores well and halve the suite's time; timing tests keep their margins (checked here).
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'all', include: ['test/**/*.test.ts'] } },
      // The embedded server's conformance suite once more, against the durable store (journal and
      // snapshots on disk, served on a Unix socket) instead of memory.
      {
        extends: true,
        test: {
          name: 'embedded-durable',
          include: ['test/embedded-mongo/**/*.test.ts'],
          // The durable store's own tests already run on disk.
          exclude: ['test/embedded-mongo/durable/**'],
          env: { GOFAST_TEST_STORE: 'durable' },
        },
      },
    ],
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Children that tests start through bin/kumppani.js inherit this: they run the sources in the
    // tree, never the compiled dist/ (which the launcher would pick when it looks fresh).
    // tests/cli/launcher.test.ts sets it otherwise where the build is the point.
    env: { KUMPPANI_LAUNCH: 'sources' },
    // PGlite takes seconds to start; test files share one instance each, and two cores
    // are all CI has, so keep parallelism modest.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'data/test-results.json' },
  },
});

import { defineConfig } from "vitest/config";

// `npm test` runs both projects; `npm run test:integration` only the one that needs
// PGlite, a Postgres server and Redis (started by test/support/global-setup.ts when not given).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: [
            "test/core/**/*.test.ts",
            "test/config/**/*.test.ts",
            "test/scripts/**/*.test.ts",
            "test/bots/**/*.test.ts",
            "test/media/**/*.test.ts",
            "test/llm/**/*.test.ts",
            "test/recorder/**/*.test.ts",
            "test/support/**/*.test.ts",
          ],
          testTimeout: 30_000,
          // Some bot tests open an embedded PGlite database, which takes seconds on a busy machine.
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "integration",
          include: [
            "test/prisma/**/*.test.ts",
            "test/jobs/**/*.test.ts",
            "test/app/**/*.test.ts",
            "test/server/**/*.test.ts",
            "test/e2e/**/*.test.ts",
            "test/chain/**/*.test.ts",
            "test/ops/**/*.test.ts",
          ],
          globalSetup: ["test/support/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});

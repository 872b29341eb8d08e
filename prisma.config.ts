// Prisma CLI configuration: the JS schema engine through a driver adapter, so `generate` and
// `migrate` work offline (see ENVIRONMENT.md). The app applies migrations itself at start-up
// (prisma/migrate.ts); the CLI is for authoring them.
import { defineConfig } from "prisma/config";
import { openDriverAdapter } from "./prisma/adapters.js";

export default defineConfig({
  schema: "prisma/schema.prisma",
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => openDriverAdapter(process.env.DATABASE_URL, process.env.DATA_DIR ?? "./data"),
});

import type { TestProject } from "vitest/node";
import { startPostgres, type PostgresServer } from "./postgres-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Admin URL of a Postgres server, or "" when none could be had (outside CI only). */
    postgresUrl: string;
  }
}

let server: PostgresServer | null = null;

export async function setup(project: TestProject): Promise<void> {
  let url = process.env.TEST_DATABASE_URL ?? "";
  if (!url) {
    server = await startPostgres();
    url = server?.url ?? "";
  }
  if (!url && process.env.CI === "true")
    throw new Error("CI needs Postgres: set TEST_DATABASE_URL or install postgresql");
  if (!url) console.warn("No Postgres server (set TEST_DATABASE_URL or install postgresql): its suites are skipped.");
  project.provide("postgresUrl", url);
}

export function teardown(): void {
  server?.stop();
}

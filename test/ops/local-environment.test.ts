// How scripts/processes.ts turns a compose service's environment into a local process's.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { localEnvironment } from "../../scripts/processes.js";
import { readCompose } from "../support/container-config.js";

const { services } = readCompose(fileURLToPath(new URL("../../docker-compose.yml", import.meta.url)));
const stand = {
  urls: { postgres: "postgresql://postgres@127.0.0.1:5544/forge_x", redis: "redis://127.0.0.1:6390" },
  volumes: { data: "/tmp/run/data" },
  secrets: { treasury_keypair: "/repo/secrets/treasury-keypair.json" },
};

describe("a compose service's settings on this machine", () => {
  it("GIVEN the worker THEN its database, Redis, data volume, interface and port become local ones, the rest is kept", () => {
    expect(localEnvironment(services.worker!, stand, { METRICS_PORT: 40001 })).toEqual({
      NODE_ENV: "production",
      DATABASE_URL: stand.urls.postgres,
      REDIS_URL: stand.urls.redis,
      DATA_DIR: "/tmp/run/data",
      HOST: "127.0.0.1",
      ROLE: "worker",
      METRICS_PORT: "40001",
    });
  });

  it("GIVEN payouts THEN the keypair's secret path becomes the compose secret's file", () => {
    const env = localEnvironment(services.payouts!, stand, { METRICS_PORT: 40002 });
    expect(env.TREASURY_KEYPAIR).toBe("/repo/secrets/treasury-keypair.json");
  });

  it("GIVEN a path inside a volume THEN it lands at the same place in the volume's folder", () => {
    const server = {
      ...services.server!,
      environment: { ...services.server!.environment, STORAGE_DIR: "/data/recordings" },
    };
    expect(localEnvironment(server, stand, { PORT: 40003 })).toMatchObject({
      STORAGE_DIR: "/tmp/run/data/recordings",
      PORT: "40003",
    });
  });
});

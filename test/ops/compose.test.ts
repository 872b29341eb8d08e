// The container files proved without a container engine: docker-compose.yml parsed as Compose
// reads it, each service's environment parsed by its roles' config schemas, the volumes, the
// healthchecks, the migration and the image's commands checked (test/ops/container-checks.ts).
// Each check is shown to fail on a copy broken the way someone could break the real file.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { STOP_BOUND_MS } from "../../app/shutdown.js";
import {
  durationMs,
  parseCompose,
  parseDockerfile,
  parseDockerignore,
  type ComposeService,
  type Dockerfile,
} from "../support/container-config.js";
import { containerProblems, parsedSettings, type ContainerFiles } from "./container-checks.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const read = (path: string) => readFileSync(join(root, path), "utf8");

function realFiles(): ContainerFiles {
  const pkg = JSON.parse(read("package.json")) as { dependencies: Record<string, string> };
  return {
    compose: parseCompose(read("docker-compose.yml")),
    dockerfile: parseDockerfile(read("Dockerfile")),
    dockerignore: parseDockerignore(read(".dockerignore")),
    repo: {
      exists: (path) => existsSync(join(root, path)),
      dependencies: pkg.dependencies,
      stopBoundMs: STOP_BOUND_MS,
    },
  };
}

type Change = (files: ContainerFiles) => ContainerFiles;

const service =
  (name: string, change: (s: ComposeService) => Partial<ComposeService>): Change =>
  (files) => {
    const before = files.compose.services[name]!;
    const services = { ...files.compose.services, [name]: { ...before, ...change(before) } };
    return { ...files, compose: { ...files.compose, services } };
  };

const env = (name: string, patch: Record<string, string | undefined>): Change =>
  service(name, (s) => ({
    environment: Object.fromEntries(
      Object.entries({ ...s.environment, ...patch }).filter((e): e is [string, string] => e[1] !== undefined),
    ),
  }));

const image =
  (change: (d: Dockerfile) => Partial<Dockerfile>): Change =>
  (files) => ({ ...files, dockerfile: { ...files.dockerfile, ...change(files.dockerfile) } });

describe("docker-compose.yml and the Dockerfile, read as Compose and Docker read them", () => {
  const files = realFiles();
  const { services } = files.compose;

  it("GIVEN the repository's files THEN no check finds a problem", () => {
    expect(containerProblems(files)).toEqual([]);
  });

  it("GIVEN the x-app anchor THEN every role inherits the shared data volume, the waits and the stop grace, and sets its own role", () => {
    for (const name of ["server", "worker", "bot", "payouts"]) {
      const s = services[name]!;
      expect(s.environment.ROLE).toBe(name);
      expect(s.volumes).toContainEqual({ source: "data", target: "/data" });
      expect(s.environment.DATA_DIR).toBe("/data");
      expect(s.dependsOn).toEqual({
        postgres: "service_healthy",
        redis: "service_healthy",
        migrate: "service_completed_successfully",
      });
      expect(durationMs(s.stopGracePeriod!)).toBe(30_000);
      expect(parsedSettings(s)).toMatchObject({ ok: true });
    }
    expect(services.migrate!.command).toEqual(["node", "--import", "tsx", "app/main.ts", "--migrate"]);
    expect(files.dockerfile.entrypoint).toEqual(["/usr/bin/tini", "--"]);
    expect(files.dockerfile.cmd).toEqual(["node", "--import", "tsx", "app/main.ts"]);
  });

  it.each<[string, Change, RegExp]>([
    ["a port that is not a number", env("server", { PORT: "web" }), /server: PORT/],
    [
      "a misspelt variable",
      env("worker", { DATABSE_URL: "postgresql://x@postgres/forge" }),
      /DATABSE_URL is not a setting/,
    ],
    [
      "a webhook without its secret",
      env("bot", { TELEGRAM_WEBHOOK_URL: "https://x.example/tg" }),
      /TELEGRAM_WEBHOOK_SECRET/,
    ],
    ["half an S3 configuration", env("server", { S3_BUCKET: "forge-recordings" }), /S3_BUCKET needs S3_ENDPOINT/],
    ["an unknown role", env("bot", { ROLE: "robot" }), /"robot" is not a role/],
    ["no service for a role", env("bot", { ROLE: "worker" }), /no service runs the bot role/],
    [
      "a worker with DATA_DIR off the volume",
      env("worker", { DATA_DIR: "/app/data" }),
      /worker: recordings in \/app\/data\/blobs are on no volume/,
    ],
    [
      "a worker on another volume",
      service("worker", () => ({ volumes: [{ source: "scratch", target: "/data" }] })),
      /recordings storage is not shared/,
    ],
    [
      "a server storing recordings elsewhere",
      env("server", { STORAGE_DIR: "/data/uploads" }),
      /server → volume data:uploads/,
    ],
    [
      "the app pointed at a database outside the file",
      env("worker", { DATABASE_URL: "postgresql://forge@db:5432/forge" }),
      /worker: DATABASE_URL names no postgres service/,
    ],
    ["Redis without its journal", service("redis", () => ({ command: ["redis-server"] })), /queued jobs are lost/],
    [
      "Postgres without a volume",
      service("postgres", () => ({ volumes: [] })),
      /postgres: \/var\/lib\/postgresql\/data is on no volume/,
    ],
    [
      "a worker that does not wait for Redis",
      service("worker", (s) => ({ dependsOn: { ...s.dependsOn, redis: "service_started" } })),
      /worker: does not wait for redis to be healthy/,
    ],
    [
      "a role that does not wait for the migration",
      service("server", (s) => ({ dependsOn: { postgres: s.dependsOn.postgres!, redis: s.dependsOn.redis! } })),
      /server: does not wait for migrate to complete/,
    ],
    ["a migration restarted forever", service("migrate", () => ({ restart: "unless-stopped" })), /again and again/],
    [
      "no migration service",
      service("migrate", () => ({
        command: ["node", "--import", "tsx", "app/main.ts"],
        environment: { ROLE: "server" },
      })),
      /expected one migration service/,
    ],
    ["a worker without METRICS_PORT", env("worker", { METRICS_PORT: undefined }), /worker: METRICS_PORT is not set/],
    [
      "a healthcheck on the wrong port",
      env("bot", { METRICS_PORT: "9200" }),
      /bot: the healthcheck asks port 9100, but METRICS_PORT is 9200/,
    ],
    [
      "a healthcheck on the wrong path",
      service("server", () => ({
        healthcheck: { test: ["CMD", "node", "scripts/healthcheck.mjs", "http://127.0.0.1:3000/health"] },
      })),
      /asks \/health, not \/healthz/,
    ],
    [
      "a healthcheck with curl (not in the image)",
      service("worker", () => ({ healthcheck: { test: ["CMD-SHELL", "curl -f http://127.0.0.1:9100/healthz"] } })),
      /worker: the healthcheck is not/,
    ],
    [
      "a service without a healthcheck",
      service("bot", () => ({ healthcheck: undefined })),
      /bot: the healthcheck is not/,
    ],
    [
      "workers on a fixed host port",
      service("worker", () => ({ ports: ["9100:9100"] })),
      /a second replica cannot start/,
    ],
    [
      "a worker with a container name",
      service("worker", () => ({ containerName: "forge-worker" })),
      /allows one replica only/,
    ],
    [
      "a stop grace shorter than the app's stop",
      service("worker", () => ({ stopGracePeriod: "10s" })),
      /stop_grace_period 10s is shorter/,
    ],
    [
      "a signing key given to the bot",
      env("bot", { TREASURY_KEYPAIR: "/run/secrets/treasury_keypair" }),
      /bot: TREASURY_KEYPAIR is set, but only the payouts role/,
    ],
    [
      "a keypair pasted into the file",
      env("payouts", { TREASURY_KEYPAIR: "[1,2,3]" }),
      /must be the path of a mounted secret/,
    ],
    ["a secret path that is not mounted", service("payouts", () => ({ secrets: [] })), /which it does not mount/],
    ["npm start as the command", image(() => ({ cmd: ["npm", "start"] })), /image CMD: runs npm start, not node/],
    [
      "the tsx CLI as the command",
      service("server", () => ({ command: ["npx", "tsx", "app/main.ts"] })),
      /server: runs npx tsx app\/main.ts, not node/,
    ],
    [
      "a shell-form CMD",
      image(() => ({ cmd: ["/bin/sh", "-c", "node --import tsx app/main.ts"] })),
      /image CMD: runs \/bin\/sh/,
    ],
    [
      "a command naming a missing file",
      image(() => ({ cmd: ["node", "--import", "tsx", "app/start.ts"] })),
      /runs app\/start.ts, not in the repository/,
    ],
    [
      "a loader that is a dev dependency",
      image(() => ({ cmd: ["node", "--import", "vitest", "app/main.ts"] })),
      /loads vitest, which is not a production dependency/,
    ],
    ["no init", image(() => ({ entrypoint: null })), /ENTRYPOINT \(none\) is not the init/],
    [
      "a service replacing the init",
      service("worker", () => ({ entrypoint: ["node"] })),
      /worker: replaces the ENTRYPOINT/,
    ],
    [
      "an image without ffmpeg",
      image((d) => ({ instructions: d.instructions.map((i) => ({ ...i, args: i.args.replace("ffmpeg", "") })) })),
      /ffmpeg is not installed/,
    ],
    [
      "an image running as root",
      image((d) => ({ instructions: d.instructions.filter((i) => i.keyword !== "USER") })),
      /runs as root/,
    ],
    [
      "an old Node",
      image((d) => ({
        instructions: d.instructions.map((i) => (i.keyword === "FROM" ? { ...i, args: "node:18-bookworm-slim" } : i)),
      })),
      /not Node 20 or later/,
    ],
    [
      "the healthcheck script left out of the image",
      (f) => ({ ...f, dockerignore: [...f.dockerignore, "scripts"] }),
      /scripts\/healthcheck.mjs is run by the image but .dockerignore leaves it out/,
    ],
    [
      "the keys folder copied into the image",
      (f) => ({ ...f, dockerignore: f.dockerignore.filter((e) => e !== "secrets") }),
      /secrets would be copied/,
    ],
  ])("GIVEN %s THEN a check names the problem", (_, change, expected) => {
    expect(containerProblems(change(files)).join("\n")).toMatch(expected);
  });

  it("GIVEN Compose syntax variants THEN they read the same (lists and maps, short and long volumes)", () => {
    const compose = parseCompose(`
services:
  a:
    build: .
    environment: ["ROLE=worker", "URL=a=b"]
    depends_on: [b]
    volumes: [{ type: volume, source: data, target: /data }]
    command: node app/main.ts
volumes: { data: {} }
`);
    expect(compose.services.a).toMatchObject({
      environment: { ROLE: "worker", URL: "a=b" },
      dependsOn: { b: "service_started" },
      volumes: [{ source: "data", target: "/data" }],
      command: ["node", "app/main.ts"],
    });
    expect(durationMs("1m30s")).toBe(90_000);
    expect(durationMs("soon")).toBeNaN();
  });
});

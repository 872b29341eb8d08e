// What docker-compose.yml, the Dockerfile and .dockerignore must say for the system to run in
// containers, as checks over the parsed files that return every problem found (none: []).
// A reviewer without a container engine can read each check against the issue's demands.
import { posix } from "node:path";
import type { z } from "zod";
import {
  BaseEnv,
  BotEnv,
  PayoutsEnv,
  ROLES,
  S3_INCOMPLETE,
  ServerEnv,
  WEBHOOK_SECRET_REQUIRED,
  WorkerEnv,
  s3Complete,
  webhookNeedsSecret,
} from "../../config/schemas.js";
import {
  durationMs,
  healthcheckUrl,
  healthPortVariable,
  isMigration,
  rolesOf,
  type ComposeFile,
  type ComposeService,
  type Dockerfile,
} from "../support/container-config.js";

export interface ContainerFiles {
  readonly compose: ComposeFile;
  readonly dockerfile: Dockerfile;
  readonly dockerignore: readonly string[];
  readonly repo: {
    exists(path: string): boolean;
    readonly dependencies: Readonly<Record<string, string>>;
    /** How long the app may take to stop after SIGTERM (app/shutdown.ts STOP_BOUND_MS). */
    readonly stopBoundMs: number;
  };
}

const SCHEMAS = { bot: BotEnv, worker: WorkerEnv, server: ServerEnv, payouts: PayoutsEnv } as const;
/** Read by app/main.ts itself, outside the schemas. */
const PROCESS_VARIABLES = ["ROLE", "ENV_FILE"];
const SIGNING_KEYS = ["TREASURY_KEYPAIR", "STAKING_VAULT_KEYPAIR"];
const SECRETS_DIR = "/run/secrets/";
/** Never in the image: local settings and keys, and what the image makes itself. */
const MUST_IGNORE = [".env", "secrets", ".git", "node_modules"];

type Role = keyof typeof SCHEMAS;

/** The schema app/main.ts parses for these roles: the base settings and each role's, refined. */
function schemaFor(roles: readonly Role[]) {
  const shape = roles.reduce<z.ZodObject>((s, r) => s.extend(SCHEMAS[r].shape), BaseEnv);
  return {
    keys: new Set([...Object.keys(shape.shape), ...PROCESS_VARIABLES]),
    schema: shape.refine(webhookNeedsSecret, WEBHOOK_SECRET_REQUIRED).refine(s3Complete, S3_INCOMPLETE),
  };
}

const appServices = (files: ContainerFiles) => Object.values(files.compose.services).filter((s) => s.build);
/** The app's long-running services (not the one-shot migration). */
const roleServices = (files: ContainerFiles) => appServices(files).filter((s) => !isMigration(s));
const validRoles = (service: ComposeService): Role[] => rolesOf(service, ROLES).filter((r): r is Role => r in SCHEMAS);

/** The service's settings as the app would parse them, or the problems found. */
export function parsedSettings(service: ComposeService): { ok: true; value: Record<string, unknown> } | string[] {
  const roles = isMigration(service) ? [] : validRoles(service);
  const { keys, schema } = schemaFor(roles);
  const problems = [
    ...rolesOf(service, ROLES)
      .filter((r) => !isMigration(service) && !(r in SCHEMAS))
      .map((r) => `${service.name}: "${r}" is not a role (${ROLES.join(", ")})`),
    ...Object.keys(service.environment)
      .filter((k) => !keys.has(k))
      .map((k) => `${service.name}: ${k} is not a setting of its roles (${roles.join(", ") || "migrate"})`),
  ];
  const parsed = schema.safeParse(service.environment);
  if (!parsed.success)
    problems.push(...parsed.error.issues.map((i) => `${service.name}: ${i.path.join(".")} ${i.message}`));
  return problems.length || !parsed.success ? problems : { ok: true, value: parsed.data };
}

function settingsProblems(files: ContainerFiles): string[] {
  const problems = appServices(files).flatMap((s) => {
    const parsed = parsedSettings(s);
    return "ok" in parsed ? [] : parsed;
  });
  const run = new Set(roleServices(files).flatMap(validRoles));
  for (const role of ROLES) if (!run.has(role)) problems.push(`no service runs the ${role} role`);
  return problems;
}

/** Where a service keeps recordings: a volume and a path in it, S3, or a problem. */
function recordingsStore(service: ComposeService): { at: string } | { problem: string } {
  const env = service.environment;
  if (env.S3_BUCKET) return { at: `s3 ${env.S3_ENDPOINT}/${env.S3_BUCKET}` };
  const path = env.STORAGE_DIR ?? posix.join(env.DATA_DIR ?? "./data", "blobs");
  const mount = service.volumes.find((v) => path === v.target || path.startsWith(`${v.target}/`));
  if (!mount || !posix.isAbsolute(path))
    return {
      problem: `${service.name}: recordings in ${path} are on no volume (lost with the container, unseen by the others)`,
    };
  return { at: `volume ${mount.source}:${posix.relative(mount.target, path)}` };
}

/** Uploads (server), recordings sent in the chat (bot) and grading (worker) need one storage. */
function storageProblems(files: ContainerFiles): string[] {
  const sharing = roleServices(files).filter((s) =>
    rolesOf(s, ROLES).some((r) => r === "server" || r === "worker" || r === "bot"),
  );
  const stores = sharing.map((s) => ({ service: s.name, store: recordingsStore(s) }));
  const problems = stores.flatMap(({ store }) => ("problem" in store ? [store.problem] : []));
  const places = new Set(stores.flatMap(({ store }) => ("at" in store ? [store.at] : [])));
  if (places.size > 1)
    problems.push(
      `the recordings storage is not shared: ${stores.map(({ service, store }) => `${service} → ${"at" in store ? store.at : "none"}`).join(", ")}`,
    );
  return problems;
}

/** A service of the compose file by the host name an app URL names, e.g. postgres in DATABASE_URL. */
function serviceAt(files: ContainerFiles, url: string | undefined): ComposeService | undefined {
  if (!url || !URL.canParse(url)) return undefined;
  return files.compose.services[new URL(url).hostname];
}

function persisted(files: ContainerFiles, service: ComposeService, target: string): string[] {
  const mount = service.volumes.find((v) => v.target === target);
  if (!mount) return [`${service.name}: ${target} is on no volume (its data is lost with the container)`];
  return files.compose.volumes.includes(mount.source)
    ? []
    : [`${service.name}: volume ${mount.source} is not declared`];
}

/** Postgres and Redis: in the file, healthy before the app starts, their data on volumes. */
function backingServiceProblems(files: ContainerFiles): string[] {
  const problems: string[] = [];
  for (const service of appServices(files))
    for (const [variable, image, target] of [
      ["DATABASE_URL", "postgres", "/var/lib/postgresql/data"],
      ["REDIS_URL", "redis", "/data"],
    ] as const) {
      const backing = serviceAt(files, service.environment[variable]);
      if (!backing?.image?.startsWith(image)) {
        problems.push(`${service.name}: ${variable} names no ${image} service of this file`);
        continue;
      }
      if (variable === "REDIS_URL" && isMigration(service)) continue;
      if (service.dependsOn[backing.name] !== "service_healthy")
        problems.push(`${service.name}: does not wait for ${backing.name} to be healthy`);
      if (!backing.healthcheck) problems.push(`${backing.name}: no healthcheck`);
      problems.push(...persisted(files, backing, target));
      if (image === "redis" && !backing.command?.join(" ").includes("--appendonly yes"))
        problems.push(`${backing.name}: without --appendonly yes, queued jobs are lost on a restart`);
    }
  return [...new Set(problems)];
}

/** One migration, run once to completion before every role, against the same database. */
function migrationProblems(files: ContainerFiles): string[] {
  const migrations = appServices(files).filter(isMigration);
  if (migrations.length !== 1) return [`expected one migration service (--migrate), found ${migrations.length}`];
  const migrate = migrations[0]!;
  const problems: string[] = [];
  if (migrate.restart && migrate.restart !== "no")
    problems.push(`${migrate.name}: restart "${migrate.restart}" would run the one-shot migration again and again`);
  for (const service of roleServices(files)) {
    if (service.dependsOn[migrate.name] !== "service_completed_successfully")
      problems.push(`${service.name}: does not wait for ${migrate.name} to complete successfully`);
    if (service.environment.DATABASE_URL !== migrate.environment.DATABASE_URL)
      problems.push(`${service.name}: DATABASE_URL is not the database ${migrate.name} migrates`);
  }
  return problems;
}

/** Each role's healthcheck asks /healthz on the port that role serves it on. */
function healthProblems(files: ContainerFiles): string[] {
  return roleServices(files).flatMap((service) => {
    const test = service.healthcheck?.test ?? [];
    const url = healthcheckUrl(service);
    if (test[0] !== "CMD" || test[1] !== "node" || !url)
      return [`${service.name}: the healthcheck is not ["CMD", "node", "scripts/healthcheck.mjs", <url>]`];
    const parsed = parsedSettings(service);
    const variable = healthPortVariable(rolesOf(service, ROLES));
    const port = "ok" in parsed ? parsed.value[variable] : undefined;
    const problems: string[] = [];
    if (url.pathname !== "/healthz")
      problems.push(`${service.name}: the healthcheck asks ${url.pathname}, not /healthz`);
    if (!["127.0.0.1", "localhost"].includes(url.hostname))
      problems.push(`${service.name}: the healthcheck asks ${url.hostname}, not the container itself`);
    if (port === undefined)
      problems.push(`${service.name}: ${variable} is not set, so nothing answers its healthcheck`);
    else if (String(port) !== (url.port || "80"))
      problems.push(
        `${service.name}: the healthcheck asks port ${url.port || "80"}, but ${variable} is ${String(port)}`,
      );
    return problems;
  });
}

/** `docker compose up --scale worker=3`: no fixed host port, no fixed container name. */
function scalingProblems(files: ContainerFiles): string[] {
  return roleServices(files)
    .filter((s) => rolesOf(s, ROLES).includes("worker"))
    .flatMap((s) => [
      ...s.ports
        .filter((p) => /^(?:[\d.]+:)?\d+(?:-\d+)?:\d+/.test(p))
        .map((p) => `${s.name}: publishes host port ${p}, so a second replica cannot start`),
      ...(s.containerName ? [`${s.name}: container_name ${s.containerName} allows one replica only`] : []),
    ]);
}

/** The app stops within its bound; Compose must wait at least that long before SIGKILL. */
function stopProblems(files: ContainerFiles): string[] {
  return roleServices(files).flatMap((s) => {
    const ms = durationMs(s.stopGracePeriod ?? "10s");
    return ms >= files.repo.stopBoundMs
      ? []
      : [`${s.name}: stop_grace_period ${s.stopGracePeriod ?? "10s (default)"} is shorter than the app's stop bound`];
  });
}

/** Only payouts loads signing keys, and only from mounted secret files. */
function secretProblems(files: ContainerFiles): string[] {
  return Object.values(files.compose.services).flatMap((s) => {
    const pays = s.build && !isMigration(s) && rolesOf(s, ROLES).includes("payouts");
    const keys = SIGNING_KEYS.filter((k) => s.environment[k]);
    if (!pays)
      return [
        ...keys.map((k) => `${s.name}: ${k} is set, but only the payouts role may load signing keys`),
        ...(s.secrets.length ? [`${s.name}: mounts secrets, but only payouts needs any`] : []),
      ];
    return keys.flatMap((k) => {
      const value = s.environment[k]!;
      const name = value.slice(SECRETS_DIR.length);
      if (!value.startsWith(SECRETS_DIR)) return [`${s.name}: ${k} must be the path of a mounted secret`];
      if (!s.secrets.includes(name)) return [`${s.name}: ${k} names secret ${name}, which it does not mount`];
      return files.compose.secrets[name]?.file ? [] : [`secret ${name} has no file`];
    });
  });
}

/** The repository paths a command runs (the script after node's own options). */
function scriptOf(command: readonly string[]): string | undefined {
  for (let i = 1; i < command.length; i++) {
    if (command[i] === "--import" || command[i] === "--require") i++;
    else if (!command[i]!.startsWith("-")) return command[i];
  }
  return undefined;
}

/** node itself runs the app: no npm, npx or tsx process between the init and the app. */
function commandProblems(files: ContainerFiles, who: string, command: readonly string[] | null): string[] {
  if (!command || command[0] !== "node") return [`${who}: runs ${command?.join(" ") ?? "nothing"}, not node`];
  const script = scriptOf(command);
  const problems: string[] = [];
  if (!script || !files.repo.exists(script))
    problems.push(`${who}: runs ${script ?? "no script"}, not in the repository`);
  const loader = command[command.indexOf("--import") + 1];
  if (command.includes("--import") && loader && !files.repo.dependencies[loader])
    problems.push(`${who}: loads ${loader}, which is not a production dependency (the image omits dev ones)`);
  return problems;
}

const excluded = (files: ContainerFiles, path: string) =>
  files.dockerignore.some((entry) => path === entry || path.startsWith(`${entry}/`));

function imageProblems(files: ContainerFiles): string[] {
  const { dockerfile } = files;
  const problems: string[] = [];
  const from = dockerfile.instructions.find((i) => i.keyword === "FROM")?.args ?? "";
  const node = /^node:(\d+)/.exec(from);
  if (!node || Number(node[1]) < 20) problems.push(`image: FROM ${from} is not Node 20 or later (engines >=20.19)`);
  const installs = dockerfile.instructions
    .filter((i) => i.keyword === "RUN" && i.args.includes("apt-get install"))
    .map((i) => i.args)
    .join(" ");
  for (const tool of ["ffmpeg", "tini"])
    if (!new RegExp(`\\b${tool}\\b`).test(installs)) problems.push(`image: ${tool} is not installed`);
  if (posix.basename(dockerfile.entrypoint?.[0] ?? "") !== "tini")
    problems.push(`image: ENTRYPOINT ${dockerfile.entrypoint?.join(" ") ?? "(none)"} is not the init (tini)`);
  const user = dockerfile.instructions.filter((i) => i.keyword === "USER").at(-1)?.args;
  if (!user || user === "root" || user === "0") problems.push("image: the app runs as root");
  problems.push(...commandProblems(files, "image CMD", dockerfile.cmd));
  for (const s of appServices(files)) {
    if (s.command) problems.push(...commandProblems(files, s.name, s.command));
    if (s.entrypoint) problems.push(`${s.name}: replaces the ENTRYPOINT, and with it the init`);
  }
  return problems;
}

/** Files the image runs are in the build context; settings and keys are not. */
function contextProblems(files: ContainerFiles): string[] {
  const problems = files.dockerignore
    .filter((entry) => /[*?[\]!]/.test(entry))
    .map((entry) => `.dockerignore: "${entry}" is a pattern; only plain paths can be checked here`);
  const needed = [
    scriptOf(files.dockerfile.cmd ?? []),
    ...appServices(files).map((s) => scriptOf(s.command ?? [])),
    ...roleServices(files).map((s) => (s.healthcheck?.test ?? []).find((a) => a.endsWith(".mjs"))),
  ].filter((p): p is string => Boolean(p));
  for (const path of new Set(needed)) {
    if (!files.repo.exists(path)) problems.push(`${path} is run by the image but is not in the repository`);
    if (excluded(files, path)) problems.push(`${path} is run by the image but .dockerignore leaves it out`);
  }
  for (const path of MUST_IGNORE)
    if (!excluded(files, path)) problems.push(`.dockerignore: ${path} would be copied into the image`);
  return problems;
}

/** Every problem found in the container files; [] when they run the system as the issue asks. */
export function containerProblems(files: ContainerFiles): string[] {
  return [
    ...settingsProblems(files),
    ...storageProblems(files),
    ...backingServiceProblems(files),
    ...migrationProblems(files),
    ...healthProblems(files),
    ...scalingProblems(files),
    ...stopProblems(files),
    ...secretProblems(files),
    ...imageProblems(files),
    ...contextProblems(files),
  ];
}

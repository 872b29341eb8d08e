// docker-compose.yml, the Dockerfile and .dockerignore read into plain objects, as Compose and
// Docker read them (anchors and `<<` merges resolved, short and long syntaxes made one), for
// the test that checks them and for scripts/processes.ts, which runs the same services.
import { readFileSync } from "node:fs";
import { parse } from "yaml";

export interface ComposeService {
  readonly name: string;
  /** Set for the services built from this repository (the app's image). */
  readonly build: boolean;
  readonly image?: string;
  /** The command, when the service overrides the image's CMD. */
  readonly command?: readonly string[];
  /** Set when the service replaces the image's ENTRYPOINT (and with it the init). */
  readonly entrypoint?: readonly string[];
  readonly environment: Readonly<Record<string, string>>;
  /** Named volumes and bind mounts: source (a volume's name or a host path) and container path. */
  readonly volumes: readonly { readonly source: string; readonly target: string }[];
  /** Services this one waits for, with the condition (service_started when none is written). */
  readonly dependsOn: Readonly<Record<string, string>>;
  readonly healthcheck?: { readonly test: readonly string[] };
  readonly ports: readonly string[];
  readonly profiles: readonly string[];
  readonly restart?: string;
  readonly secrets: readonly string[];
  readonly stopGracePeriod?: string;
  readonly containerName?: string;
}

export interface ComposeFile {
  readonly services: Readonly<Record<string, ComposeService>>;
  readonly volumes: readonly string[];
  readonly secrets: Readonly<Record<string, { readonly file?: string }>>;
}

type Raw = Record<string, unknown>;

const asRecord = (value: unknown): Raw => (value && typeof value === "object" ? (value as Raw) : {});

/** Compose passes every environment value as a string; `KEY=VALUE` lists and maps both occur. */
function environmentOf(value: unknown): Record<string, string> {
  if (Array.isArray(value))
    return Object.fromEntries(
      value.map((entry) => {
        const [key, ...rest] = String(entry).split("=");
        return [key!, rest.join("=")];
      }),
    );
  return Object.fromEntries(Object.entries(asRecord(value)).map(([k, v]) => [k, v === null ? "" : String(v)]));
}

function volumesOf(value: unknown): ComposeService["volumes"] {
  return (Array.isArray(value) ? value : []).map((entry) => {
    if (typeof entry === "string") {
      const [source = "", target = ""] = entry.split(":");
      return { source, target };
    }
    const long = asRecord(entry);
    return { source: String(long.source ?? ""), target: String(long.target ?? "") };
  });
}

function dependsOnOf(value: unknown): Record<string, string> {
  if (Array.isArray(value)) return Object.fromEntries(value.map((name) => [String(name), "service_started"]));
  return Object.fromEntries(
    Object.entries(asRecord(value)).map(([name, v]) => [name, String(asRecord(v).condition ?? "service_started")]),
  );
}

/** Compose splits a string command like a shell would; this file writes lists. */
const commandOf = (value: unknown): string[] | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? value.map(String) : String(value).split(/\s+/);

function serviceOf(name: string, raw: Raw): ComposeService {
  const health = asRecord(raw.healthcheck);
  return {
    name,
    build: raw.build !== undefined,
    image: raw.image === undefined ? undefined : String(raw.image),
    command: commandOf(raw.command),
    entrypoint: commandOf(raw.entrypoint),
    environment: environmentOf(raw.environment),
    volumes: volumesOf(raw.volumes),
    dependsOn: dependsOnOf(raw.depends_on),
    healthcheck: health.test === undefined ? undefined : { test: commandOf(health.test) ?? [] },
    ports: (Array.isArray(raw.ports) ? raw.ports : []).map(String),
    profiles: (Array.isArray(raw.profiles) ? raw.profiles : []).map(String),
    restart: raw.restart === undefined ? undefined : String(raw.restart),
    secrets: (Array.isArray(raw.secrets) ? raw.secrets : []).map((s) =>
      typeof s === "string" ? s : String(asRecord(s).source),
    ),
    stopGracePeriod: raw.stop_grace_period === undefined ? undefined : String(raw.stop_grace_period),
    containerName: raw.container_name === undefined ? undefined : String(raw.container_name),
  };
}

export function parseCompose(text: string): ComposeFile {
  const raw = asRecord(parse(text, { merge: true }));
  return {
    services: Object.fromEntries(
      Object.entries(asRecord(raw.services)).map(([name, s]) => [name, serviceOf(name, asRecord(s))]),
    ),
    volumes: Object.keys(asRecord(raw.volumes)),
    secrets: Object.fromEntries(
      Object.entries(asRecord(raw.secrets)).map(([name, s]) => {
        const file = asRecord(s).file;
        return [name, file === undefined ? {} : { file: String(file) }];
      }),
    ),
  };
}

export const readCompose = (path: string): ComposeFile => parseCompose(readFileSync(path, "utf8"));

/** Compose durations such as 30s, 1m30s or 1500ms, in milliseconds (NaN when unreadable). */
export function durationMs(text: string): number {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)];
  if (parts.map((p) => p[0]).join("") !== text) return NaN;
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;
  return parts.reduce((sum, [, n, u]) => sum + Number(n) * unit[u as keyof typeof unit], 0);
}

export interface DockerInstruction {
  readonly keyword: string;
  readonly args: string;
}

export interface Dockerfile {
  readonly instructions: readonly DockerInstruction[];
  /** The last ENTRYPOINT / CMD, as exec-form lists; a shell form is `/bin/sh -c <text>`. */
  readonly entrypoint: readonly string[] | null;
  readonly cmd: readonly string[] | null;
}

/** Shell form runs under `/bin/sh -c`, which would stand between the init and node. */
function execForm(args: string): string[] {
  try {
    const parsed: unknown = JSON.parse(args);
    if (Array.isArray(parsed) && parsed.every((a) => typeof a === "string")) return parsed as string[];
  } catch {
    // not JSON: shell form
  }
  return ["/bin/sh", "-c", args];
}

export function parseDockerfile(text: string): Dockerfile {
  const lines = text
    .replace(/\\\r?\n/g, " ")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const instructions = lines.map((line) => {
    const [keyword = "", ...rest] = line.split(/\s+/);
    return { keyword: keyword.toUpperCase(), args: rest.join(" ") };
  });
  const last = (keyword: string) => instructions.filter((i) => i.keyword === keyword).at(-1);
  const entrypoint = last("ENTRYPOINT");
  const cmd = last("CMD");
  return {
    instructions,
    entrypoint: entrypoint ? execForm(entrypoint.args) : null,
    cmd: cmd ? execForm(cmd.args) : null,
  };
}

export const readDockerfile = (path: string): Dockerfile => parseDockerfile(readFileSync(path, "utf8"));

/** The entries of a .dockerignore (comments and blank lines dropped). */
export const parseDockerignore = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));

/** Roles a service runs: ROLE or `--role`, every role when neither is given. */
export function rolesOf(service: ComposeService, allRoles: readonly string[]): string[] {
  const command = service.command ?? [];
  const flag = command.indexOf("--role");
  const value = flag >= 0 ? command[flag + 1] : service.environment.ROLE;
  if (!value || value === "all") return [...allRoles];
  return value.split(",").map((r) => r.trim());
}

/** A one-shot migration: `--migrate` or ROLE=migrate. */
export const isMigration = (service: ComposeService): boolean =>
  Boolean(service.command?.includes("--migrate")) || service.environment.ROLE === "migrate";

/** The URL a healthcheck asks, when it is `node scripts/healthcheck.mjs <url>`. */
export function healthcheckUrl(service: ComposeService): URL | null {
  const test = service.healthcheck?.test ?? [];
  const script = test.indexOf("scripts/healthcheck.mjs");
  const url = script >= 0 ? test[script + 1] : undefined;
  if (!url || !URL.canParse(url)) return null;
  return new URL(url);
}

/** The variable naming the port a service answers /healthz on: PORT with the server role. */
export const healthPortVariable = (roles: readonly string[]): "PORT" | "METRICS_PORT" =>
  roles.includes("server") ? "PORT" : "METRICS_PORT";

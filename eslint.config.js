import { readFileSync } from "node:fs";
import { join } from "node:path";
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * .gitignore's patterns as flat-config ignores, so lint skips what git skips (what
 * @eslint/compat's includeIgnoreFile does): a pattern without an inner slash matches at any
 * depth, a leading slash anchors it here, "!" re-includes, and `{` `(` are literal in gitignore.
 */
function gitignored(file) {
  return readFileSync(join(import.meta.dirname, file), "utf8")
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const negated = line.startsWith("!") ? "!" : "";
      const pattern = negated ? line.slice(1) : line;
      const slash = pattern.indexOf("/");
      const anywhere = slash === -1 || slash === pattern.length - 1 ? "**/" : "";
      const body = (slash === 0 ? pattern.slice(1) : pattern).replace(/[{(]/g, "\\$&");
      return `${negated}${anywhere}${body}${pattern.endsWith("/**") ? "/*" : ""}`;
    });
}

const coreNeverReadsTheEnvironment = "core/ never reads the environment or loads modules at run time: pass values in.";

export default tseslint.config(
  { ignores: ["node_modules/", "data/", "prisma/generated/", "coverage/", ...gitignored(".gitignore")] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Money code must never drop a promise on the floor.
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { arguments: false } }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      eqeqeq: "error",
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  {
    files: ["core/**/*.ts"],
    rules: {
      "no-restricted-globals": [
        "error",
        { name: "process", message: coreNeverReadsTheEnvironment },
        { name: "require", message: coreNeverReadsTheEnvironment },
      ],
      "no-restricted-properties": [
        "error",
        { object: "globalThis", property: "process", message: coreNeverReadsTheEnvironment },
        { object: "global", property: "process", message: coreNeverReadsTheEnvironment },
      ],
    },
  },
  {
    files: ["scripts/**", "bench/**", "test/**", "*.config.*"],
    rules: { "no-console": "off" },
  },
  { files: ["**/*.js", "**/*.mjs", "**/*.cjs"], ...tseslint.configs.disableTypeChecked },
  {
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { module: "writable", __dirname: "readonly" } },
  },
  { files: ["**/*.mjs"], languageOptions: { globals: { process: "readonly", URL: "readonly", console: "readonly" } } },
);

// Architecture rules as a check that fails (npm run deps:check), by dependency-cruiser.
// That core/ never reads process.env or require is an ESLint rule instead (eslint.config.js):
// it is about names a file uses, not about what it imports.
const EDGES = "(bots|jobs|server|recorder|chain|llm)";
// What runs in production: the app's folders, and the plain-node scripts the container runs
// (postinstall, healthcheck). scripts/*.ts are dev tools and may use devDependencies.
const RUNTIME = ["^(app|bots|chain|config|core|jobs|llm|media|prisma|recorder|server)/", "^scripts/[^/]+[.]mjs$"];
// Packages resolve under node_modules wherever it is (a symlinked one resolves outside the tree).
const PACKAGE = (name) => `(^|/)node_modules/${name}/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "core-imports-only-zod-and-core",
      severity: "error",
      comment:
        "core/ is the domain: it imports only zod and core/*, never a vendor library, a Node " +
        "built-in or an edge. Pass what it needs in through a port.",
      from: { path: "^core/" },
      to: { pathNot: ["^core/", PACKAGE("zod")] },
    },
    {
      name: "edges-are-independent",
      severity: "error",
      comment:
        "The edges (bots, jobs, server, recorder, chain, llm) never import each other: what two " +
        "of them share belongs in core/, media/ or config/, and app/ wires them together.",
      from: { path: `^${EDGES}/` },
      to: { path: `^${EDGES}/`, pathNot: "^$1/" },
    },
    {
      name: "bots-and-jobs-go-through-core",
      severity: "error",
      comment:
        "bots/ and jobs/ call core use cases; they never reach the database (prisma/) or the " +
        "composition root (app/), which passes them what they need.",
      from: { path: "^(bots|jobs)/" },
      to: { path: "^(prisma|app)/" },
    },
    {
      name: "views-are-platform-neutral",
      severity: "error",
      comment:
        "bots/views/ describes replies and bots/flows/ the steps both bots take: no chat library " +
        "there, so a second platform adds translation, not logic.",
      from: { path: "^bots/(views|flows)/" },
      to: { path: [PACKAGE("grammy"), PACKAGE("@grammyjs/[^/]+"), PACKAGE("discord[.]js")] },
    },
    {
      name: "no-circular",
      severity: "error",
      comment: "An import cycle: split the shared part into a module both can import.",
      from: {},
      to: { circular: true },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "This import resolves to no file: a typo, a missing file, or a package not installed.",
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: "no-non-package-json",
      severity: "error",
      comment:
        "This package is not in package.json (it is only there as some other package's " +
        "dependency): add it, or it may vanish or change version under us.",
      from: {},
      to: { dependencyTypes: ["npm-no-pkg", "npm-unknown"] },
    },
    {
      name: "runtime-not-to-dev-dep",
      severity: "error",
      comment:
        "Code that runs in production imports a devDependency, which `npm ci --omit=dev` (the " +
        "container) does not install: move it to dependencies. Type-only imports are fine.",
      from: { path: RUNTIME },
      to: { dependencyTypes: ["npm-dev"], dependencyTypesNot: ["type-only"] },
    },
  ],
  options: {
    // Packages and Prisma's generated client are leaves: what they import is not ours to rule.
    doNotFollow: { path: ["(^|/)node_modules/", "^prisma/generated/"] },
    // Type-only imports count: a port's types tie layers together as much as its values.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: `${__dirname}/tsconfig.json` },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
    },
  },
};

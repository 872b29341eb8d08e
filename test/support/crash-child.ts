// Child process for the crash tests: settles one submission (or, given several, a batch of them
// in one transaction) on a Postgres database, but stops inside the transaction, after every
// settlement was written and before the commit, prints "IN-TRANSACTION" and waits to be killed.
import { createCore } from "../../core/index.js";
import type { UnitOfWork } from "../../core/ports/repositories.js";
import { openDatabase } from "../../prisma/database.js";
import { prismaUnitOfWork } from "../../prisma/unit-of-work.js";
import { testDeps } from "./core-deps.js";

const [url, ...submissionIds] = process.argv.slice(2) as [string, ...string[]];
const db = await openDatabase({ kind: "postgres", url, poolSize: 2 });
const inner = prismaUnitOfWork(db.prisma);
const hanging: UnitOfWork = {
  read: (fn) => inner.read(fn),
  run: (fn) =>
    inner.run(async (repos) => {
      const result = await fn(repos);
      process.stdout.write("IN-TRANSACTION\n");
      await new Promise(() => undefined);
      return result;
    }),
};
const core = createCore(testDeps(hanging));
const inputs = submissionIds.map((submissionId) => ({ submissionId, score: 90 }));
if (inputs.length === 1) await core.settleSubmission(inputs[0]!);
else await core.settleSubmissions(inputs);

// The core state a scenario left, normalised so two runs on two databases compare equal when
// the same things happened: every id becomes a stable placeholder (accounts by role, factories
// by name, tasks by position, submissions, recordings and payouts by what they belong to), and
// timestamps are dropped or reduced to whether they are set. An id left unlabelled stays as
// it is, so it differs between runs and the comparison fails rather than hiding it.
import type { Database } from "../../../prisma/database.js";

export interface CoreState {
  readonly accounts: ReadonlyArray<{
    who: string;
    referrer: string | null;
    referred: boolean;
    xp: string;
    identities: number;
  }>;
  /** What the wizard asked (terms, limits, tasks with their prompts) and what became of it. */
  readonly factories: ReadonlyArray<Record<string, unknown> & { name: string; tasks: string[] }>;
  readonly submissions: ReadonlyArray<Record<string, unknown>>;
  readonly recordings: ReadonlyArray<Record<string, unknown>>;
  readonly payouts: ReadonlyArray<Record<string, unknown>>;
  /** Every ledger account's balance, by normalised name ("farmer:<farmer>", "pool:<factory:…>"). */
  readonly balances: Record<string, string>;
  /** Balances summed per account kind (the name up to its first ":") and token. */
  readonly balancesByKind: Record<string, string>;
  /** How many journal transactions of each kind were posted. */
  readonly transactions: Record<string, number>;
}

const sql = <T>(db: Database, text: string, params: unknown[] = []) => db.query<T>(text, params);

/** `roles`: account id → a stable name ("farmer"); other accounts are numbered in creation order. */
export async function coreState(db: Database, roles: Readonly<Record<string, string>>): Promise<CoreState> {
  const labels = new Map<string, string>(Object.entries(roles));
  const label = (id: string | null) => (id === null ? null : (labels.get(id) ?? id));
  const rename = (text: string) => text.replace(/[\w-]+/g, (word) => labels.get(word) ?? word);

  const accounts = await sql<{
    id: string;
    referrer_id: string | null;
    referred: boolean;
    xp: string;
    locale: string | null;
    identities: string;
  }>(
    db,
    `SELECT a.id, a.referrer_id, a.referred_at IS NOT NULL AS referred, a.xp::text AS xp, a.locale,
            (SELECT count(*) FROM identity i WHERE i.account_id = a.id)::text AS identities
       FROM account a ORDER BY a.created_at, a.id`,
  );
  accounts.forEach((a, n) => labels.set(a.id, labels.get(a.id) ?? `account#${n + 1}`));
  const factories = await sql<{ id: string; name: string; owner_id: string } & Record<string, unknown>>(
    db,
    `SELECT id, name, owner_id, use_case, status, token, reward_per_demo::text AS reward, threshold,
            limit_per_task, limit_per_day, limit_total
       FROM factory ORDER BY name, created_at`,
  );
  factories.forEach((f) => labels.set(f.id, `factory:${f.name}`));
  const tasks = await sql<{ id: string; factory_id: string; title: string; prompt: string; position: number }>(
    db,
    `SELECT id, factory_id, title, prompt, position FROM task ORDER BY factory_id, position`,
  );
  tasks.forEach((t) => labels.set(t.id, `task:${labels.get(t.factory_id)}#${t.position}`));
  const submissions = await sql<Record<string, unknown> & { id: string; farmer_id: string; task_id: string }>(
    db,
    `SELECT s.id, s.farmer_id, s.task_id, s.token, s.status, s.score, s.reward_per_demo::text AS reward,
            s.threshold, s.reserved::text AS reserved, s.gross::text AS gross, s.paid::text AS paid,
            s.settled_at IS NOT NULL AS settled
       FROM submission s JOIN task t ON t.id = s.task_id ORDER BY s.created_at, t.position, s.id`,
  );
  submissions.forEach((s, n) => labels.set(s.id, `submission#${n + 1}`));
  const recordings = await sql<Record<string, unknown> & { id: string; submission_id: string }>(
    db,
    `SELECT id, submission_id, account_id, task_id, source, status, (grade->>'score')::int AS score,
            (grade->>'rejected')::boolean AS rejected, graded_at IS NOT NULL AS graded
       FROM recording ORDER BY created_at, id`,
  );
  // A recording may share its submission's id: the submission's label then stands for both.
  recordings.forEach((r) => labels.set(r.id, labels.get(r.id) ?? `recording:${labels.get(r.submission_id)}`));
  const payouts = await sql<Record<string, unknown> & { id: string; recipient_id: string }>(
    db,
    `SELECT id, recipient_id, role, token, units::text AS units, submission_id, source_id, status, held_reason
       FROM payout ORDER BY created_at, role, units, id`,
  );
  payouts.forEach((p, n) => labels.set(p.id, `payout#${n + 1}`));

  // From the journal: a balance is its row plus pending credits not yet rolled into it, i.e. all its entries.
  const balanceRows = await sql<{ account: string; token: string; units: string }>(
    db,
    `SELECT account, token, sum(amount)::text AS units FROM ledger_entry GROUP BY account, token HAVING sum(amount) <> 0`,
  );
  const balances: Record<string, string> = {};
  const byKind = new Map<string, bigint>();
  for (const b of balanceRows) {
    balances[`${rename(b.account)} ${b.token}`] = b.units;
    const kind = `${b.account.split(":")[0]} ${b.token}`;
    byKind.set(kind, (byKind.get(kind) ?? 0n) + BigInt(b.units));
  }
  const transactions = await sql<{ kind: string; n: string }>(
    db,
    `SELECT kind, count(*)::text AS n FROM ledger_transaction GROUP BY kind`,
  );

  /** A row with its ids renamed, its id column dropped (the label is its place in the list). */
  const normal = (row: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(row)
        .filter(([key]) => key !== "id")
        .map(([key, value]) => [key, typeof value === "string" ? rename(value) : value]),
    );
  return {
    accounts: accounts.map((a) => ({
      who: label(a.id)!,
      referrer: label(a.referrer_id),
      referred: a.referred,
      xp: a.xp,
      locale: a.locale,
      identities: Number(a.identities),
    })),
    factories: factories.map(({ id, owner_id, ...f }) => ({
      ...f,
      owner: label(owner_id)!,
      tasks: tasks.filter((t) => t.factory_id === id).map((t) => `${t.title}: ${t.prompt}`),
    })),
    submissions: submissions.map(normal),
    recordings: recordings.map(normal),
    payouts: payouts.map(normal),
    balances: sorted(balances),
    balancesByKind: sorted(Object.fromEntries([...byKind].map(([k, v]) => [k, v.toString()]))),
    transactions: sorted(Object.fromEntries(transactions.map((t) => [t.kind, Number(t.n)]))),
  };
}

const sorted = <V>(record: Record<string, V>): Record<string, V> =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));

/**
 * The numbers a person reads in a text: amounts with their token, XP, percentages, scores and
 * levels, in order. Dates and codes are left out (they differ between runs by design).
 */
export function keyNumbers(text: string): string[] {
  const pattern = /(\d[\d,]*(?:\.\d+)?)\s*(USDC|SOL|CLONES|WETH|XP|%)|\b(score|level|tier) (\d+)/gi;
  return [...text.matchAll(pattern)].map(([, n, unit, word, m]) =>
    word ? `${word.toLowerCase()} ${m}` : `${n} ${unit}`,
  );
}

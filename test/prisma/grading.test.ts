// Grading on every store: a recording is accepted (its reward held), graded, settled or
// released; duplicates of other accounts are found through the band index; one appeal may pay
// a top-up, never twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Account } from "../../core/accounts/account.js";
import type { Factory } from "../../core/factories/factory.js";
import type { Grade } from "../../core/grading/recording.js";
import { openStore, storeKinds, type StoreUnderTest } from "../support/databases.js";
import { USDC, must, scenario } from "../support/scenario.js";

const grade = (score: number, rejected = false): Grade => ({
  score,
  rejected,
  components: [{ name: "activity", weight: 100, value: score / 100, points: score }],
  reasons: rejected ? [{ code: "near_duplicate", text: "copy", params: { percent: 97 } }] : [],
  actionCount: 12,
  durationMs: 30_000,
  llm: null,
});
const minhash = (seed: number) => Array.from({ length: 64 }, (_, i) => (seed * 2654435761 + i * 40503) >>> 0);

describe.each(storeKinds())("grading recordings on %s", (kind) => {
  let store: StoreUnderTest;
  let s: ReturnType<typeof scenario>;
  beforeAll(async () => {
    store = await openStore(kind);
    s = scenario(store.uow);
  });
  afterAll(() => store.close());

  /** The farmer's upload of the factory's first task. */
  const submit = async (farmer: Account, f: Factory, contentHash = `hash-${Math.random()}`) =>
    must(
      await s.core.submitRecording({
        recordingId: `rec-${Math.random().toString(36).slice(2)}`,
        accountId: farmer.id,
        factoryId: f.id,
        taskId: f.tasks[0]!.id,
        source: "recorder",
        storageKey: "recordings/x",
        contentHash,
      }),
    );

  async function submitted(options: { contentHash?: string } = {}) {
    s.deps.clock.advance(1_000); // recordings are taken in one after the other, as in life
    const owner = await s.person();
    const farmer = await s.person();
    const f = await s.factory(owner, { rewardPerDemo: USDC(2), threshold: 50 });
    await s.fund(f, USDC(10));
    return { owner, farmer, f, recording: await submit(farmer, f, options.contentHash) };
  }

  it("GIVEN an upload WHEN it is graded 80 THEN the submission settles once and a retry changes nothing", async () => {
    const { f, recording } = await submitted();
    expect(recording.status).toBe("processing");
    expect(must(await s.core.getFactoryOverview(f.id)).available).toBe(USDC(8)); // 2 held
    const first = must(
      await s.core.gradeRecording({
        recordingId: recording.id,
        grade: grade(80),
        fingerprint: { minhash: minhash(1), keyframes: [1n] },
      }),
    );
    expect(first.recording.status).toBe("graded");
    expect(first.settlement?.submission.score).toBe(80);
    const again = must(
      await s.core.gradeRecording({
        recordingId: recording.id,
        grade: grade(10),
        fingerprint: { minhash: minhash(1), keyframes: [] },
      }),
    );
    expect(again.replayed).toBe(true);
    expect(again.recording.grade?.score).toBe(80);
    expect(again.settlement?.replayed).toBe(true);
  });

  it("GIVEN a rejected grade THEN the hold goes back to the pool", async () => {
    const { f, recording } = await submitted();
    const out = must(
      await s.core.gradeRecording({
        recordingId: recording.id,
        grade: grade(0, true),
        fingerprint: { minhash: minhash(2), keyframes: [] },
      }),
    );
    expect(out.recording.status).toBe("rejected");
    expect(out.settlement).toBeNull();
    expect(must(await s.core.getFactoryOverview(f.id)).available).toBe(USDC(10));
  });

  it("GIVEN Alice's graded recording WHEN Bob uploads the same bytes or a near copy THEN it is found; Alice's own near copy is not", async () => {
    const alice = await submitted({ contentHash: "same-bytes" });
    const fp = { minhash: minhash(7), keyframes: [0xffn, 0xf0f0n] };
    must(await s.core.gradeRecording({ recordingId: alice.recording.id, grade: grade(70), fingerprint: fp }));
    const bob = await submitted({ contentHash: "same-bytes" });
    const exact = await s.core.findDuplicates({
      accountId: bob.farmer.id,
      taskId: bob.recording.taskId,
      contentHash: "same-bytes",
      fingerprint: { minhash: minhash(99), keyframes: [] },
      excludeRecordingId: bob.recording.id,
    });
    expect(exact).toMatchObject({ duplicateSimilarity: 1, closestRecordingId: alice.recording.id });
    const near = minhash(7).map((v, i) => (i % 16 === 0 ? v + 1 : v)); // 4 of 64 values differ
    const copy = await s.core.findDuplicates({
      accountId: bob.farmer.id,
      taskId: "another-task",
      contentHash: "other-bytes",
      fingerprint: { minhash: near, keyframes: [0xffn] },
      excludeRecordingId: bob.recording.id,
    });
    expect(copy.closestRecordingId).toBe(alice.recording.id);
    expect(copy.duplicateSimilarity).toBeCloseTo(60 / 64, 5);
    expect(exact.ownCopy || copy.ownCopy).toBe(false);
    const own = await s.core.findDuplicates({
      accountId: alice.farmer.id,
      taskId: alice.recording.taskId,
      contentHash: "alice-again",
      fingerprint: { minhash: near, keyframes: fp.keyframes },
      excludeRecordingId: "none",
    });
    expect(own).toEqual({
      duplicateSimilarity: 0,
      keyframeDuplicateSimilarity: 0,
      closestRecordingId: null,
      ownCopy: false,
    });
  });

  it("GIVEN a farmer's graded recording WHEN they upload the same bytes, or the same actions in other bytes, on another submission THEN each is their own copy; a rejected one is not copied", async () => {
    const { farmer, f, recording } = await submitted({ contentHash: `mine-${Math.random()}` });
    const fp = { minhash: minhash(21), keyframes: [0xabn] };
    must(await s.core.gradeRecording({ recordingId: recording.id, grade: grade(70), fingerprint: fp }));
    s.deps.clock.advance(1_000);
    const lookFor = async (contentHash: string, minhash: number[]) => {
      const again = await submit(farmer, f, contentHash);
      return s.core.findDuplicates({
        accountId: farmer.id,
        taskId: again.taskId,
        contentHash,
        fingerprint: { minhash, keyframes: [] },
        excludeRecordingId: again.id,
        createdAt: again.createdAt,
      });
    };
    const sameBytes = { duplicateSimilarity: 1, keyframeDuplicateSimilarity: 1, closestRecordingId: recording.id };
    expect(await lookFor(recording.contentHash, minhash(22))).toEqual({ ...sameBytes, ownCopy: true });
    expect(await lookFor(`other-${Math.random()}`, fp.minhash)).toEqual({ ...sameBytes, ownCopy: true });
    // The copy is judged against what came before it: the original never looks like its copy.
    const original = await s.core.findDuplicates({
      accountId: farmer.id,
      taskId: recording.taskId,
      contentHash: recording.contentHash,
      fingerprint: fp,
      excludeRecordingId: recording.id,
      createdAt: recording.createdAt,
    });
    expect(original.closestRecordingId).toBeNull();
    // Uploading again what a gate refused is a new try, not a copy (the gate may have changed).
    const refused = await submit(farmer, f, `refused-${Math.random()}`);
    must(
      await s.core.gradeRecording({
        recordingId: refused.id,
        grade: grade(0, true),
        fingerprint: { minhash: minhash(23), keyframes: [] },
      }),
    );
    s.deps.clock.advance(1_000);
    expect((await lookFor(refused.contentHash, minhash(23))).closestRecordingId).toBeNull();
  });

  it("GIVEN a graded 60 WHEN the farmer appeals and the regrade is 90 THEN only the difference is paid, and only once", async () => {
    const { farmer, f, recording } = await submitted();
    const first = must(
      await s.core.gradeRecording({
        recordingId: recording.id,
        grade: grade(60),
        fingerprint: { minhash: minhash(3), keyframes: [] },
      }),
    );
    const paidFirst = first.settlement!.submission.paid!;
    expect((await s.core.appealGrade({ recordingId: recording.id, accountId: "someone-else" })).ok).toBe(false);
    must(await s.core.appealGrade({ recordingId: recording.id, accountId: farmer.id }));
    const twice = await s.core.appealGrade({ recordingId: recording.id, accountId: farmer.id });
    expect(!twice.ok && twice.error.code).toBe("APPEAL_ALREADY_USED");
    const regrade = must(await s.core.regradeRecording({ recordingId: recording.id, grade: grade(90) }));
    expect(regrade.before.score).toBe(60);
    expect(regrade.recording.grade?.score).toBe(90);
    const topUp = regrade.topUp!.submission;
    expect(topUp.paid! + paidFirst).toBe(topUp.gross); // the pair paid the 90's gross once
    const replay = must(await s.core.regradeRecording({ recordingId: recording.id, grade: grade(100) }));
    expect(replay.recording.grade?.score).toBe(90);
    expect(replay.topUp?.replayed).toBe(true);
    const spent = USDC(10) - must(await s.core.getFactoryOverview(f.id)).available;
    expect(spent).toBe(topUp.gross);
  });

  it("GIVEN a limit of one demonstration per task WHEN an appeal pays a top-up THEN the top-up uses no slot", async () => {
    const owner = await s.person();
    const farmer = await s.person();
    const f = await s.factory(owner, {
      rewardPerDemo: USDC(2),
      threshold: 50,
      limits: { perTask: 1, perDay: null, total: null },
    });
    await s.fund(f, USDC(10));
    const recording = await submit(farmer, f);
    must(
      await s.core.gradeRecording({
        recordingId: recording.id,
        grade: grade(60),
        fingerprint: { minhash: minhash(11), keyframes: [] },
      }),
    );
    must(await s.core.appealGrade({ recordingId: recording.id, accountId: farmer.id }));
    const regrade = must(await s.core.regradeRecording({ recordingId: recording.id, grade: grade(90) }));
    expect(regrade.topUpError).toBeNull();
    expect(regrade.topUp?.submission.status).toBe("settled");
    const counts = await store.uow.read((r) =>
      r.submissions.countForLimits(farmer.id, f.id, f.tasks[0]!.id, new Date(0)),
    );
    expect(counts).toEqual({ task: 1, day: 1, total: 1 });
  });

  it("GIVEN an appeal WHEN the regrade is lower THEN the first grade stands and no money moves", async () => {
    const { farmer, f, recording } = await submitted();
    must(
      await s.core.gradeRecording({
        recordingId: recording.id,
        grade: grade(70),
        fingerprint: { minhash: minhash(4), keyframes: [] },
      }),
    );
    const before = must(await s.core.getFactoryOverview(f.id)).available;
    must(await s.core.appealGrade({ recordingId: recording.id, accountId: farmer.id }));
    const regrade = must(await s.core.regradeRecording({ recordingId: recording.id, grade: grade(40) }));
    expect(regrade.recording.grade?.score).toBe(70);
    expect(regrade.topUp).toBeNull();
    expect(must(await s.core.getFactoryOverview(f.id)).available).toBe(before);
  });

  /** Grades a recording (a fresh fingerprint each time, so no two look alike). */
  const gradeAs = async (recordingId: string, score: number) =>
    must(
      await s.core.gradeRecording({
        recordingId,
        grade: grade(score),
        fingerprint: { minhash: minhash(1_000 + Math.floor(Math.random() * 1e6)), keyframes: [] },
      }),
    );

  it("GIVEN a graded 60 WHEN an appeal raises it to 90 THEN XP is 90 in all, and reputation counts the recording once at 90", async () => {
    const { farmer, recording } = await submitted();
    await gradeAs(recording.id, 60);
    expect(must(await s.core.getProfile(farmer.id))).toMatchObject({ reputation: 60, account: { xp: 60n } });
    must(await s.core.appealGrade({ recordingId: recording.id, accountId: farmer.id }));
    const regrade = must(await s.core.regradeRecording({ recordingId: recording.id, grade: grade(90) }));
    expect(regrade.topUp?.xpGained).toBe(30n);
    expect(must(await s.core.getProfile(farmer.id))).toMatchObject({ reputation: 90, account: { xp: 90n } });
  });

  it("GIVEN an appeal raises a grade WHEN its difference cannot be paid (the factory paused) THEN reputation still counts the recording at its latest grade", async () => {
    const { owner, farmer, f, recording } = await submitted();
    await gradeAs(recording.id, 60);
    must(await s.core.appealGrade({ recordingId: recording.id, accountId: farmer.id }));
    must(
      await s.core.changeFactoryStatus({
        actor: { accountId: owner.id, isAdmin: false },
        factoryId: f.id,
        action: "pause",
      }),
    );
    const regrade = must(await s.core.regradeRecording({ recordingId: recording.id, grade: grade(90) }));
    expect(regrade.topUpError?.code).toBe("FACTORY_NOT_LIVE");
    expect(must(await s.core.getProfile(farmer.id)).reputation).toBe(90);
  });

  it("GIVEN a farmer's recording of a task graded 60 WHEN they upload it again at 80, then at 70 THEN XP grows to 80 only, and reputation counts each recording", async () => {
    const { farmer, f, recording } = await submitted();
    await gradeAs(recording.id, 60);
    const again = await gradeAs((await submit(farmer, f)).id, 80);
    expect(again.settlement?.xpGained).toBe(20n);
    const worse = await gradeAs((await submit(farmer, f)).id, 70);
    expect(worse.settlement?.xpGained).toBe(0n);
    expect(must(await s.core.getProfile(farmer.id))).toMatchObject({ reputation: 70, account: { xp: 80n } });
  });
});

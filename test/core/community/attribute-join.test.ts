import { describe, expect, it } from "vitest";
import { findJoinInvite } from "../../../core/community/attribute-join.js";

const inv = (code: string, uses: number, maxUses = 0) => ({ code, uses, maxUses });

describe("which invite a member joined through", () => {
  it("GIVEN exactly one invite grew by one THEN it is that invite", () => {
    expect(findJoinInvite([inv("a", 3), inv("b", 0)], [inv("a", 4), inv("b", 0)])).toEqual({
      kind: "invite",
      code: "a",
    });
  });

  it("GIVEN two invites grew (two joins at once) THEN ambiguous", () => {
    expect(findJoinInvite([inv("a", 3), inv("b", 0)], [inv("a", 4), inv("b", 1)])).toEqual({
      kind: "ambiguous",
      candidates: ["a", "b"],
    });
  });

  it("GIVEN one invite grew by two THEN ambiguous (the other join came through it too, or not)", () => {
    expect(findJoinInvite([inv("a", 3)], [inv("a", 5)]).kind).toBe("ambiguous");
  });

  it("GIVEN an invite never seen before that has uses THEN ambiguous, even alone", () => {
    expect(findJoinInvite([inv("a", 3)], [inv("a", 3), inv("new", 1)]).kind).toBe("ambiguous");
    expect(findJoinInvite([], [inv("a", 1)]).kind).toBe("ambiguous");
  });

  it("GIVEN a new unused invite, or a deleted or expired unlimited one THEN they do not count", () => {
    expect(findJoinInvite([inv("a", 3), inv("old", 9)], [inv("a", 4), inv("new", 0)])).toEqual({
      kind: "invite",
      code: "a",
    });
  });

  it("GIVEN a limited invite vanished with its last use spent beside a grown one THEN ambiguous", () => {
    expect(findJoinInvite([inv("a", 3), inv("once", 0, 1)], [inv("a", 4)]).kind).toBe("ambiguous");
  });

  it("GIVEN nothing grew (vanity URL, Discovery) THEN none", () => {
    expect(findJoinInvite([inv("a", 3)], [inv("a", 3)])).toEqual({ kind: "none" });
  });
});

import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decideFocus } from "../../../recorder/capture/focus.js";
import {
  loadSensitiveFile,
  parseSensitiveFile,
  parseSensitivePattern,
  sensitivePatterns,
  sensitiveWindowsPath,
} from "../../../recorder/capture/sensitive-windows.js";

const rules = { blocklist: [], maskAll: false };
const sensitive = (name: string, className = "") => decideFocus({ name, className }, rules).sensitiveBy !== null;

describe("sensitive windows", () => {
  it.each([
    ["Unlock Database - KeePassXC", "KeePassXC"],
    ["Passwords.kdbx - KeePass", "KeePass2"],
    ["1Password", "1Password"],
    ["Bitwarden", "Bitwarden"],
    ["LastPass: Free Password Manager", "Google-chrome"],
    ["Authentication Required", "Polkit-gnome-authentication-agent-1"],
    ["Authentication Required", ""],
    ["Enter passphrase", "Pinentry-gtk"],
    ["Sign-in - Microsoft account — Mozilla Firefox", "firefox"],
    ["Enter PIN", "Gcr-prompter"],
    ["Enter PIN", ""],
    ["Phantom Wallet", "Google-chrome"],
    ["MetaMask Notification", "Google-chrome"],
    ["Solflare", "firefox"],
    ["Backpack", "Google-chrome"],
    ["Ledger Live", "Ledger Live"],
    ["Login - MyBank", "firefox"],
    ["Log in to your account", "firefox"],
    ["[sudo] password for farmer", "XTerm"],
  ])("GIVEN a window %j of class %j THEN it is sensitive", (name, className) => {
    expect(sensitive(name, className)).toBe(true);
  });

  it.each([
    ["", "gcr-prompter"],
    ["", "pinentry-qt"],
    ["", "ssh-askpass"],
  ])("GIVEN an untitled window of class %j THEN it is sensitive by its class", (name, className) => {
    expect(sensitive(name, className)).toBe(true);
  });

  it.each([
    ["report.ods - LibreOffice Calc", "libreoffice-calc"],
    ["pseudo-code.md - Visual Studio Code", "Code"],
    ["Catalog index - Mozilla Firefox", "firefox"],
    ["Terminal", "XTerm"],
  ])("GIVEN an ordinary window %j THEN it is not sensitive", (name, className) => {
    expect(sensitive(name, className)).toBe(false);
  });

  it("GIVEN a sensitive window without a class THEN its title is not used as its app name", () => {
    expect(decideFocus({ name: "Login - MyBank", className: "" }, rules).app).toBeNull();
    expect(decideFocus({ name: "Login - MyBank", className: "firefox" }, rules).app).toBe("firefox");
  });

  it("GIVEN user patterns (text, /regex/, title: and class:) THEN windows matching them are sensitive", () => {
    const own = ["Vault", "/^acme sso\\b/", "class:my-secrets", "title:token"].map((text) => {
      const parsed = parseSensitivePattern(text);
      if (!parsed.ok) throw new Error(parsed.message);
      return parsed.value;
    });
    const withOwn = { ...rules, sensitive: sensitivePatterns(own) };
    expect(decideFocus({ name: "HashiCorp Vault", className: "firefox" }, withOwn).sensitiveBy).toBe("Vault");
    expect(decideFocus({ name: "ACME SSO portal", className: "firefox" }, withOwn).sensitiveBy).toBe("/^acme sso\\b/");
    expect(decideFocus({ name: "notes", className: "My-Secrets" }, withOwn).sensitiveBy).toBe("class:my-secrets");
    expect(decideFocus({ name: "API token", className: "firefox" }, withOwn).sensitiveBy).toBe("title:token");
    expect(decideFocus({ name: "x", className: "token" }, withOwn).sensitiveBy).toBeNull();
    expect(decideFocus({ name: "HashiCorp Vault", className: "firefox" }, rules).sensitiveBy).toBeNull();
  });

  it("GIVEN a bad pattern THEN it is refused with the reason", () => {
    expect(parseSensitivePattern("title:")).toEqual({ ok: false, message: expect.stringContaining("empty") });
    expect(parseSensitivePattern("/(unclosed/")).toEqual({
      ok: false,
      message: expect.stringContaining("not a valid /regex/"),
    });
    expect(parseSensitiveFile("# mine\n\nvault\n/[/\n")).toEqual({
      ok: false,
      message: expect.stringContaining("line 4"),
    });
  });

  it("GIVEN the forge home's sensitive-windows.txt THEN its patterns load, and none when it is absent", async () => {
    const home = await mkdtemp(join(tmpdir(), "forge-sensitive-"));
    expect(await loadSensitiveFile(home)).toEqual({ ok: true, value: [] });
    await writeFile(sensitiveWindowsPath(home), "# my own\nclass:my-vault\n\n  Payroll  \n");
    const loaded = await loadSensitiveFile(home);
    expect(loaded.ok && loaded.value.map((p) => p.source)).toEqual(["class:my-vault", "Payroll"]);
  });
});

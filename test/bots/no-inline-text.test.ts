import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// Every sentence a person reads comes from the Fluent files (bots/locales), shared by both
// bots: a text written in code would be English-only and written once per bot. This test reads
// every source file under bots/ and fails on a string that reads like words to a person (the
// recorder's command lines, typed in a terminal, are not sentences).

/** Two words of letters: "Pool empty", "Abrir fábrica". */
const WORDS = /\p{L}{2,}[\s\u00a0]+\p{L}{2,}/u;
/** Commands people type in a terminal (the recorder's), not sentences. */
const COMMAND = /^forge /;
/** Properties that become what a person reads (a button's label, an embed's title, ...). */
const SHOWN = new Set(["label", "text", "title", "description", "placeholder", "content", "caption", "name"]);

/** Where a string is not shown to people: logs, exceptions, matching an API's own error text. */
function exempt(node: ts.Node): boolean {
  for (let p: ts.Node | undefined = node.parent; p && !ts.isSourceFile(p); p = p.parent) {
    if (ts.isNewExpression(p) && /Error$/.test(p.expression.getText())) return true;
    if (ts.isCallExpression(p)) {
      const callee = p.expression.getText();
      // logger.info/warn/error(...), console.*, and an API error's description (...).includes("...")
      if (/(^|\.)(logger|log|console)\.(info|warn|error|debug)$/.test(callee)) return true;
      if (/\.(description|message)\.(includes|startsWith)$/.test(callee)) return true;
      return false;
    }
  }
  return false;
}

function findings(file: string, source: string): string[] {
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    const literal =
      ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)
        ? node.text
        : ts.isTemplateExpression(node)
          ? [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(" ")
          : null;
    if (literal !== null && !ts.isImportDeclaration(node.parent) && !ts.isExportDeclaration(node.parent)) {
      const property =
        ts.isPropertyAssignment(node.parent) && node.parent.initializer === node ? node.parent.name.getText() : null;
      const shown = WORDS.test(literal) || (property !== null && SHOWN.has(property) && /\p{L}{2,}/u.test(literal));
      if (shown && !COMMAND.test(literal) && !exempt(node)) {
        const { line } = tree.getLineAndCharacterOfPosition(node.getStart());
        found.push(`${file}:${line + 1}: ${literal.slice(0, 60)}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return found;
}

const sources = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "bots"], {
  encoding: "utf8",
})
  .split("\n")
  .filter((f) => f.endsWith(".ts"));

describe("business texts live in the Fluent files", () => {
  it("GIVEN every source file of both bots THEN none builds a sentence for people outside bots/locales", () => {
    expect(sources.length).toBeGreaterThan(20);
    const found = sources.flatMap((file) => findings(file, readFileSync(file, "utf8")));
    expect(found).toEqual([]);
  });

  it("GIVEN texts written in code THEN they are found, and logs, errors and API error matching are not", () => {
    const code = [
      'reply("Your factory is live");',
      "const v = { label: 'Open' };",
      "const w = `Pool of ${name} is empty`;",
      'logger.warn({ id }, "a pairing code could not be voided");',
      'throw new Error("no focus reader here");',
      'if (error.description.includes("message is not modified")) return;',
      'const key = t("factory-open");',
    ].join("\n");
    expect(findings("sample.ts", code).map((f) => f.split(": ")[1])).toEqual([
      "Your factory is live",
      "Open",
      "Pool of   is empty",
    ]);
  });
});

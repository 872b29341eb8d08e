/** Where commands print: results on stdout, progress and errors on stderr. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  /** Rewrites one status line in place on a terminal; on a pipe, prints it only when `final`. */
  status(line: string, final?: boolean): void;
}

export function processIo(stdout: NodeJS.WriteStream, stderr: NodeJS.WriteStream): Io {
  let lastStatus = "";
  return {
    out: (line) => void stdout.write(`${line}\n`),
    err: (line) => void stderr.write(`${line}\n`),
    status(line, final = false) {
      if (stderr.isTTY) {
        const pad = " ".repeat(Math.max(0, lastStatus.length - line.length));
        stderr.write(`\r${line}${pad}${final ? "\n" : ""}`);
        lastStatus = final ? "" : line;
      } else if (final) stderr.write(`${line}\n`);
    },
  };
}

/** Collects output in memory (tests). */
export function memoryIo(): Io & { lines: string[]; errors: string[]; statuses: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  const statuses: string[] = [];
  return {
    lines,
    errors,
    statuses,
    out: (line) => void lines.push(line),
    err: (line) => void errors.push(line),
    status: (line) => void statuses.push(line),
  };
}

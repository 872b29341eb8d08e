// A tiny S3-compatible server on loopback for tests: PUT/GET/HEAD/DELETE object and
// ListObjectsV2, path-style. It verifies every request's SigV4 Authorization header with its own
// implementation of the algorithm (not the adapter's), so a signing bug fails the tests.
import { createHash, createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

export interface S3Fake {
  readonly endpoint: string;
  readonly bucket: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly objects: Map<string, Buffer>;
  /** Requests refused because their signature did not verify. */
  readonly rejected: number;
  close(): Promise<void>;
}

const hex = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();
const rfc3986 = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());

export async function startS3Fake(options: { pageSize?: number } = {}): Promise<S3Fake> {
  const creds = {
    bucket: "recordings",
    region: "eu-test-1",
    accessKeyId: "AKIAFAKE",
    secretAccessKey: "fake/secret+key",
  };
  const objects = new Map<string, Buffer>();
  let rejected = 0;

  const verify = (req: IncomingMessage, body: Buffer): string | null => {
    const auth =
      /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
        req.headers.authorization ?? "",
      );
    if (!auth) return "malformed authorization";
    const [, keyId, day, region, signed = "", signature] = auth;
    if (keyId !== creds.accessKeyId || region !== creds.region) return "unknown credential";
    const amzDate = String(req.headers["x-amz-date"] ?? "");
    if (!amzDate.startsWith(day ?? "-")) return "date mismatch";
    const payloadHash = String(req.headers["x-amz-content-sha256"] ?? "");
    if (payloadHash !== "UNSIGNED-PAYLOAD" && payloadHash !== hex(body)) return "payload hash mismatch";
    const names = signed.split(";");
    if (!names.includes("host") || !names.includes("x-amz-content-sha256")) return "host not signed";
    const [rawPath = "/", rawQuery = ""] = (req.url ?? "/").split("?");
    const query = rawQuery
      .split("&")
      .filter(Boolean)
      .map((pair) => pair.split("=").map((p) => rfc3986(decodeURIComponent(p.replace(/\+/g, " ")))))
      .map(([k = "", v = ""]) => `${k}=${v}`)
      .sort()
      .join("&");
    const headerLines = names.map((n) => `${n}:${String(req.headers[n] ?? "").trim()}\n`).join("");
    const canonical = `${req.method}\n${rawPath}\n${query}\n${headerLines}\n${signed}\n${payloadHash}`;
    const scope = `${day}/${region}/s3/aws4_request`;
    const toSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${hex(canonical)}`;
    const key = ["aws4_request"].reduce(
      (k, part) => hmac(k, part),
      hmac(hmac(hmac(`AWS4${creds.secretAccessKey}`, day ?? ""), region ?? ""), "s3"),
    );
    return createHmac("sha256", key).update(toSign).digest("hex") === signature ? null : "signature mismatch";
  };

  const handle = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const problem = verify(req, body);
    if (problem) {
      rejected += 1;
      return res.writeHead(403).end(`<Error><Code>SignatureDoesNotMatch</Code><Message>${problem}</Message></Error>`);
    }
    const url = new URL(req.url ?? "/", "http://fake");
    const [, bucket, ...rest] = url.pathname.split("/");
    if (bucket !== creds.bucket) return res.writeHead(404).end("<Error><Code>NoSuchBucket</Code></Error>");
    const key = rest.map(decodeURIComponent).join("/");
    if (!key && req.method === "GET" && url.searchParams.get("list-type") === "2") return list(url, res);
    const stored = objects.get(key);
    if (req.method === "PUT") return (objects.set(key, body), res.writeHead(200).end());
    if (req.method === "DELETE") return (objects.delete(key), res.writeHead(204).end());
    if (!stored)
      return res.writeHead(404).end(req.method === "HEAD" ? undefined : "<Error><Code>NoSuchKey</Code></Error>");
    res.writeHead(200, { "content-length": stored.length });
    res.end(req.method === "HEAD" ? undefined : stored);
  };

  const list = (url: URL, res: ServerResponse) => {
    const prefix = url.searchParams.get("prefix") ?? "";
    const keys = [...objects.keys()].filter((k) => k.startsWith(prefix)).sort();
    const start = Number(url.searchParams.get("continuation-token") ?? 0);
    const page = keys.slice(start, start + (options.pageSize ?? 1000));
    const more = start + page.length < keys.length;
    res
      .writeHead(200, { "content-type": "application/xml" })
      .end(
        `<?xml version="1.0"?><ListBucketResult><IsTruncated>${more}</IsTruncated>` +
          page.map((k) => `<Contents><Key>${k}</Key></Contents>`).join("") +
          (more ? `<NextContinuationToken>${start + page.length}</NextContinuationToken>` : "") +
          `</ListBucketResult>`,
      );
  };

  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => handle(req, res, Buffer.concat(parts)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    ...creds,
    objects,
    get rejected() {
      return rejected;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

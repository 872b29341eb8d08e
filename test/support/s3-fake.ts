// A tiny S3-compatible server on loopback for tests: PUT/GET/HEAD/DELETE object, ListObjectsV2
// and multipart uploads, path-style. It verifies every request's SigV4 Authorization header with
// its own implementation of the algorithm, so a client that signs wrongly fails the tests.
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
  /** Sizes of every multipart part received, in order. */
  readonly partSizes: number[];
  /** Multipart uploads begun and neither completed nor aborted. */
  readonly openUploads: number;
  close(): Promise<void>;
}

const hex = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();
const rfc3986 = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());

const xml = (res: ServerResponse, status: number, body: string) =>
  res.writeHead(status, { "content-type": "application/xml" }).end(`<?xml version="1.0"?>${body}`);
const s3Error = (res: ServerResponse, status: number, code: string, message = "") =>
  xml(res, status, `<Error><Code>${code}</Code><Message>${message}</Message></Error>`);

/** `minPartSize` is S3's floor for every part but the last (5 MiB); tests lower it. */
export async function startS3Fake(options: { pageSize?: number; minPartSize?: number } = {}): Promise<S3Fake> {
  const creds = {
    bucket: "recordings",
    region: "eu-test-1",
    accessKeyId: "AKIAFAKE",
    secretAccessKey: "fake/secret+key",
  };
  const objects = new Map<string, Buffer>();
  const uploads = new Map<string, { key: string; parts: Map<number, Buffer> }>();
  const partSizes: number[] = [];
  let rejected = 0;
  let uploadsBegun = 0;

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
    const value = (n: string) =>
      String(req.headers[n] ?? "")
        .trim()
        .replace(/\s+/g, " ");
    const headerLines = names.map((n) => `${n}:${value(n)}\n`).join("");
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
      return s3Error(res, 403, "SignatureDoesNotMatch", problem);
    }
    const url = new URL(req.url ?? "/", "http://fake");
    const [, bucket, ...rest] = url.pathname.split("/");
    if (bucket !== creds.bucket) return s3Error(res, 404, "NoSuchBucket");
    const key = rest.map(decodeURIComponent).join("/");
    if (!key && req.method === "GET" && url.searchParams.get("list-type") === "2") return list(url, res);
    if (url.searchParams.has("uploads") || url.searchParams.has("uploadId")) return multipart(req, res, url, key, body);
    const stored = objects.get(key);
    if (req.method === "PUT") return (objects.set(key, body), res.writeHead(200, { etag: etag(body) }).end());
    if (req.method === "DELETE") return (objects.delete(key), res.writeHead(204).end());
    if (!stored) return req.method === "HEAD" ? res.writeHead(404).end() : s3Error(res, 404, "NoSuchKey");
    res.writeHead(200, { "content-length": stored.length, etag: etag(stored) });
    res.end(req.method === "HEAD" ? undefined : stored);
  };

  const etag = (data: Buffer) => `"${createHash("md5").update(data).digest("hex")}"`;

  /** CreateMultipartUpload, UploadPart, CompleteMultipartUpload and AbortMultipartUpload. */
  const multipart = (req: IncomingMessage, res: ServerResponse, url: URL, key: string, body: Buffer) => {
    if (req.method === "POST" && url.searchParams.has("uploads")) {
      const id = `upload-${(uploadsBegun += 1)}`;
      uploads.set(id, { key, parts: new Map() });
      return xml(
        res,
        200,
        `<InitiateMultipartUploadResult><Key>${key}</Key><UploadId>${id}</UploadId></InitiateMultipartUploadResult>`,
      );
    }
    const id = url.searchParams.get("uploadId") ?? "";
    const upload = uploads.get(id);
    if (!upload || upload.key !== key) return s3Error(res, 404, "NoSuchUpload");
    if (req.method === "PUT") {
      partSizes.push(body.length);
      upload.parts.set(Number(url.searchParams.get("partNumber")), body);
      return res.writeHead(200, { etag: etag(body) }).end();
    }
    if (req.method === "DELETE") return (uploads.delete(id), res.writeHead(204).end());
    const listed = [...body.toString().matchAll(/<PartNumber>(\d+)<\/PartNumber>/g)].map((m) => Number(m[1]));
    const parts = listed.map((n) => upload.parts.get(n));
    if (parts.some((p) => !p)) return s3Error(res, 400, "InvalidPart");
    const minPartSize = options.minPartSize ?? 5 * 1024 * 1024;
    if (parts.slice(0, -1).some((p) => p!.length < minPartSize)) return s3Error(res, 400, "EntityTooSmall");
    objects.set(key, Buffer.concat(parts as Buffer[]));
    uploads.delete(id);
    return xml(res, 200, `<CompleteMultipartUploadResult><Key>${key}</Key></CompleteMultipartUploadResult>`);
  };

  const list = (url: URL, res: ServerResponse) => {
    const prefix = url.searchParams.get("prefix") ?? "";
    const keys = [...objects.keys()].filter((k) => k.startsWith(prefix)).sort();
    const start = Number(url.searchParams.get("continuation-token") ?? 0);
    const page = keys.slice(start, start + (options.pageSize ?? 1000));
    const more = start + page.length < keys.length;
    xml(
      res,
      200,
      `<ListBucketResult><IsTruncated>${more}</IsTruncated>` +
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
    partSizes,
    get rejected() {
      return rejected;
    },
    get openUploads() {
      return uploads.size;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// The signer against AWS's published examples ("Signature Calculations for the Authorization
// Header: Transferring Payload in a Single Chunk", Amazon S3 API reference).
import { expect, it } from "vitest";
import { EMPTY_SHA256, signRequest } from "../../../server/uploads/sigv4.js";

const creds = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  region: "us-east-1",
};
const date = new Date("2013-05-24T00:00:00Z");

it("GIVEN AWS's GET Object example WHEN signed THEN the signature is the published one", () => {
  const headers = signRequest(
    {
      method: "GET",
      url: new URL("https://examplebucket.s3.amazonaws.com/test.txt"),
      headers: { Range: "bytes=0-9" },
      payloadHash: EMPTY_SHA256,
      date,
    },
    creds,
  );
  expect(headers.authorization).toBe(
    "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, " +
      "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, " +
      "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
  );
});

it("GIVEN AWS's ListObjects example WHEN signed THEN the query is canonicalized as published", () => {
  const headers = signRequest(
    {
      method: "GET",
      url: new URL("https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J"),
      payloadHash: EMPTY_SHA256,
      date,
    },
    creds,
  );
  expect(headers.authorization).toMatch(/Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7$/);
});

import { join } from "node:path";
import type { BaseConfig } from "../config/schemas.js";
import { s3Storage } from "../server/uploads/s3-storage.js";
import { localDiskStorage, type BlobStorage } from "../server/uploads/storage.js";

/** One blob store for every role: S3 when configured, else a folder they all can reach. */
export function openStorage(config: BaseConfig): { storage: BlobStorage; describe: string } {
  if (config.S3_BUCKET)
    return {
      storage: s3Storage({
        endpoint: config.S3_ENDPOINT!,
        bucket: config.S3_BUCKET,
        region: config.S3_REGION,
        accessKeyId: config.S3_ACCESS_KEY_ID!,
        secretAccessKey: config.S3_SECRET_ACCESS_KEY!,
      }),
      describe: `S3 bucket ${config.S3_BUCKET}`,
    };
  const dir = config.STORAGE_DIR ?? join(config.DATA_DIR, "blobs");
  return { storage: localDiskStorage(dir), describe: `folder ${dir}` };
}

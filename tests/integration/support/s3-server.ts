import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
// s3rver: an S3-compatible HTTP server that keeps its objects in a folder (npm, no binary download). The S3 driver
// talks to it over HTTP exactly as to a bucket: signed requests, the same API calls.
// @ts-expect-error s3rver ships no type declarations
import S3rver from 's3rver';
import type { S3Settings } from '../../../lib/storage/s3-driver';

export interface LocalS3 {
  settings: S3Settings;
  close(): Promise<void>;
}

// s3rver checks signatures against these fixed credentials.
const KEY = 'S3RVER';

export async function startLocalS3(bucket = 'recouvra-test'): Promise<LocalS3> {
  const directory = await mkdtemp(path.join(tmpdir(), 'recouvra-s3-'));
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const address = (await server.run()) as AddressInfo;
  return {
    settings: {
      bucket,
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${address.port}`,
      accessKeyId: KEY,
      secretAccessKey: KEY,
      forcePathStyle: true,
    },
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { StorageDriver } from './driver';

export interface S3Settings {
  bucket: string;
  region: string;
  /** An S3-compatible service's address (MinIO, Ceph, Scaleway…); unset for AWS itself. */
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** bucket in the path (http://host/bucket/key), as most S3-compatible services want. */
  forcePathStyle: boolean;
  /** Prepended to every key, so one bucket can hold several deployments. */
  prefix?: string;
}

/** Objects in one bucket; the bytes are sent with their length, so every S3-compatible service takes them. */
export function s3Driver(settings: S3Settings): StorageDriver {
  const client = new S3Client({
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    forcePathStyle: settings.forcePathStyle,
    ...(settings.accessKeyId && settings.secretAccessKey
      ? { credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } }
      : {}),
    // The SDK's default CRC32 trailers are not understood by every S3-compatible service; MD5-free plain puts are.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = settings.bucket;
  const Key = (key: string) => `${settings.prefix ?? ''}${key}`;

  async function body(key: string): Promise<Readable> {
    const { Body } = await client.send(new GetObjectCommand({ Bucket, Key: Key(key) }));
    if (!(Body instanceof Readable)) throw new Error(`storage: no body for ${key}`);
    return Body;
  }

  return {
    kind: 's3',
    async put(key, bytes) {
      // A PUT is atomic in S3: the object appears whole or not at all.
      await client.send(new PutObjectCommand({ Bucket, Key: Key(key), Body: bytes, ContentLength: bytes.length }));
    },
    async putFile(key, file) {
      const { size } = await stat(file);
      await client.send(
        new PutObjectCommand({ Bucket, Key: Key(key), Body: createReadStream(file), ContentLength: size }),
      );
      await rm(path.dirname(file), { recursive: true, force: true });
    },
    async get(key) {
      const chunks: Buffer[] = [];
      for await (const chunk of await body(key)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    stream: body,
    async size(key) {
      const head = await client.send(new HeadObjectCommand({ Bucket, Key: Key(key) }));
      return head.ContentLength ?? 0;
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: Key(key) }));
    },
    async localCopy(key) {
      const dir = await mkdtemp(path.join(tmpdir(), 'recouvra-'));
      // The last part of the key is a UUID: no name from outside reaches the file system.
      const file = path.join(dir, path.basename(key));
      await writeFile(file, await body(key));
      return { path: file, release: () => rm(dir, { recursive: true, force: true }) };
    },
    async scratchPath(key) {
      const dir = await mkdtemp(path.join(tmpdir(), 'recouvra-'));
      return path.join(dir, `${path.basename(key)}.part`);
    },
  };
}

import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { StorageDriver } from './driver';

const partName = (target: string) => `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.part`;

/** One folder (a volume shared by web and worker in docker-compose); objects written whole, then renamed in. */
export function localDriver(root: string): StorageDriver {
  const pathOf = (key: string) => path.join(/*turbopackIgnore: true*/ root, key);
  return {
    kind: 'local',
    async put(key, bytes) {
      const target = pathOf(key);
      const temp = partName(target);
      try {
        await writeFile(/*turbopackIgnore: true*/ temp, bytes);
      } catch (error) {
        // The folder is made only when the write finds it missing: the engine stores one letter per step.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        await mkdir(/*turbopackIgnore: true*/ path.dirname(target), { recursive: true });
        await writeFile(/*turbopackIgnore: true*/ temp, bytes);
      }
      await rename(/*turbopackIgnore: true*/ temp, target);
    },
    async putFile(key, file) {
      await rename(/*turbopackIgnore: true*/ file, pathOf(key));
    },
    get: (key) => readFile(/*turbopackIgnore: true*/ pathOf(key)),
    async stream(key): Promise<Readable> {
      // Opened before it is returned, so a missing file fails here rather than in the middle of a response.
      await stat(/*turbopackIgnore: true*/ pathOf(key));
      return createReadStream(/*turbopackIgnore: true*/ pathOf(key));
    },
    size: async (key) => (await stat(/*turbopackIgnore: true*/ pathOf(key))).size,
    remove: (key) => rm(/*turbopackIgnore: true*/ pathOf(key), { force: true }),
    localCopy: async (key) => ({ path: pathOf(key), release: async () => undefined }),
    async scratchPath(key) {
      const target = pathOf(key);
      await mkdir(/*turbopackIgnore: true*/ path.dirname(target), { recursive: true });
      // Beside its target, so putFile is a rename on the same file system.
      return partName(target);
    },
  };
}

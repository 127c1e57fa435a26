// The one start path: `npm start`, docker-compose and the production image all run this, as
// `entry web` (the Next.js server) or `entry worker` (the BullMQ worker), or `entry prepare` alone.
import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { prepare } from './prepare';
import { runClustered, webProcesses } from './web-cluster';

const role = process.argv[2];

async function startWeb(): Promise<void> {
  // The production build is Next's standalone server; it reads PORT and HOSTNAME.
  const server = path.resolve(process.env.RECOUVRA_STANDALONE_DIR ?? '.next/standalone', 'server.js');
  if (!existsSync(server)) {
    throw new Error(`no production build at ${server}: run npm run build first`);
  }
  // server.js moves into its own folder; files the app writes must stay where the worker finds them.
  process.env.STORAGE_DIR = path.resolve(process.env.STORAGE_DIR ?? 'storage');
  await import(server);
}

async function main(): Promise<void> {
  if (role !== 'web' && role !== 'worker' && role !== 'prepare') {
    throw new Error(`usage: entry web|worker|prepare (got ${role ?? 'nothing'})`);
  }
  // Each JSON log line names the process that wrote it (lib/log/logger.ts).
  process.env.RECOUVRA_SERVICE ??= role;
  const log = (line: string) => console.log(`[${role}] ${line}`);
  // Web processes beyond the first are forked after preparing: migrations run once, by the primary.
  if (!cluster.isWorker) await prepare(log);
  if (role === 'web') await runClustered(webProcesses(), startWeb, log);
  if (role === 'worker') await import('../../workers/main');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

import { assertProductionReady } from './production';

/** For the Node.js server's start (instrumentation.ts): prints what is missing and stops the process. */
export function exitIfUnsafe(): void {
  try {
    assertProductionReady();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

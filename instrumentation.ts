// Runs once when the Next.js server starts, however it is started: a production server with an unsafe
// configuration stops here even when someone runs server.js without the entry (lib/cli/entry.ts).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { assertProductionReady } = await import('./lib/config/production');
  try {
    assertProductionReady();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

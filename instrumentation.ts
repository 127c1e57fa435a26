// Runs once when the Next.js server starts, however it is started: a production server with an unsafe
// configuration stops here even when someone runs server.js without the entry (lib/cli/entry.ts).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { exitIfUnsafe } = await import('./lib/config/refuse-unsafe-start');
    exitIfUnsafe();
    // OpenTelemetry over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set: Next then records its request spans.
    const { startTelemetry } = await import('./lib/telemetry/start');
    startTelemetry('web');
  }
}

import { metrics } from '@opentelemetry/api';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

// Traces and metrics leave the process only when an OTLP endpoint is configured (OTEL_EXPORTER_OTLP_ENDPOINT, the
// standard variable, e.g. http://collector:4318); without one nothing is registered and the API's no-op tracer and
// meter cost nothing. The web server starts this from instrumentation.ts (Next then records its own request and
// render spans), the worker from workers/main.ts (a span per job, the queue gauges of lib/system/queue-gauges.ts).

export interface Telemetry {
  /** Exports what is buffered (a test, or before exit). */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

export function otlpEndpoint(env: Record<string, string | undefined> = process.env): string | null {
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  return endpoint ? endpoint.replace(/\/+$/, '') : null;
}

export function startTelemetry(
  service: string,
  env: Record<string, string | undefined> = process.env,
): Telemetry | null {
  const endpoint = otlpEndpoint(env);
  if (!endpoint) return null;
  const resource = resourceFromAttributes({
    'service.name': env.OTEL_SERVICE_NAME ?? `recouvra-${service}`,
    'service.namespace': 'recouvra',
  });
  const tracing = new NodeTracerProvider({
    resource,
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint}/v1/traces` }))],
  });
  // Sets the global tracer, the AsyncLocalStorage context manager and the W3C propagator.
  tracing.register();
  const meters = new MeterProvider({
    resource,
    readers: [
      new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter({ url: `${endpoint}/v1/metrics` }),
        exportIntervalMillis: Number(env.OTEL_METRIC_EXPORT_INTERVAL ?? 30_000),
      }),
    ],
  });
  metrics.setGlobalMeterProvider(meters);
  return {
    async flush() {
      await Promise.all([tracing.forceFlush(), meters.forceFlush()]);
    },
    async shutdown() {
      await Promise.allSettled([tracing.shutdown(), meters.shutdown()]);
    },
  };
}

import { SpanStatusCode, trace } from '@opentelemetry/api';

const tracer = trace.getTracer('recouvra-worker');

/** Runs one job inside its span: ids only as attributes (the queue, the job, the agency), never its payload. */
export function inJobSpan<T>(
  attributes: { queue: string; job: string; jobId: string | undefined; tenantId: string | undefined },
  work: () => Promise<T>,
): Promise<T> {
  return tracer.startActiveSpan(`job ${attributes.queue}/${attributes.job}`, async (span) => {
    span.setAttribute('messaging.system', 'bullmq');
    span.setAttribute('messaging.destination.name', attributes.queue);
    span.setAttribute('recouvra.job.name', attributes.job);
    if (attributes.jobId) span.setAttribute('messaging.message.id', attributes.jobId);
    if (attributes.tenantId) span.setAttribute('recouvra.tenant_id', attributes.tenantId);
    try {
      return await work();
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

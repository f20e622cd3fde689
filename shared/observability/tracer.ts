import { Tracer } from '@aws-lambda-powertools/tracer';
import { SERVICE_NAME } from './metric-names.ts';

/**
 * The Powertools tracer (X-Ray, active tracing in AWS; off outside Lambda). The SDK clients are
 * captured where they are made (`traced`), and `fetch` (webhooks) is captured by the tracer
 * itself. Responses are never recorded (POWERTOOLS_TRACER_CAPTURE_RESPONSE=false in AWS, and the
 * middleware asks for none): answers carry API keys and webhook secrets.
 */
export const tracer = new Tracer({ serviceName: SERVICE_NAME });

/** An AWS SDK v3 client whose calls show as subsegments of the trace. */
export const traced = <T>(client: T): T => tracer.captureAWSv3Client(client);

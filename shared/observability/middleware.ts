import middy, { type MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { withCorrelation } from './correlation.ts';
import { logger } from './logger.ts';
import { metrics, publishMetrics } from './metrics.ts';

/**
 * Keys a use case appended to the logger during an invocation are dropped after it. (The Lambda
 * context of each line comes from the invocation's own context: correlation.ts.)
 */
const logContext = (): MiddlewareObj => ({
  after: () => logger.resetKeys(),
  onError: () => logger.resetKeys(),
});

/** Publishes what the invocation counted when it ends, answered or failed, and a ColdStart metric once. */
const metricsOfInvocation = (): MiddlewareObj => ({
  before: (request) => {
    const name = (request.context as Partial<Context> | undefined)?.functionName;
    if (name) metrics().captureColdStartMetric(name);
  },
  after: () => publishMetrics(),
  onError: () => publishMetrics(),
});

/**
 * Powertools for one handler, in the order of the chain (STYLE.md): logger, then metrics. (No
 * Powertools tracer: Lambda's active tracing records each invocation, and the tracer's X-Ray SDK
 * weighed more than the whole bundle budget of a function; issue 14.) The HTTP chain
 * (shared/http/chain.ts) puts these first; the other handlers get them through `observedHandler`.
 * The event is never logged: it carries credentials.
 */
export const observability = (): MiddlewareObj<any, any>[] => [
  logContext(),
  metricsOfInvocation(),
];

/**
 * A Lambda handler that is not an HTTP route (the authorizer, the scheduled check, the stream
 * consumer, ses-events): the same logger and metrics, each invocation under the
 * correlation id `correlationOf` finds (a fresh one when none), as the function `service` of the
 * service (its table calls are checked against its grant locally: shared/table/access.ts).
 */
export function observedHandler<E, R>(
  correlationOf: (event: E, context: Context) => string | undefined,
  handler: (event: E, context: Context) => Promise<R>,
  service?: string,
): (event: E, context?: Context) => Promise<R> {
  const chain = middy<E, R, Error, Context>().use(observability()).handler(handler);
  const run = withCorrelation<E, Context, R>((event, context) => correlationOf(event, context ?? ({} as Context)), (event, context) => chain(event, context), service);
  return (event, context) => run(event, context ?? ({} as Context));
}

import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * The correlation id of the work in progress: the API Gateway request id of an HTTP call (the
 * `requestId` of the access log, returned to callers as the `apigw-requestid` header), the event
 * id of a scheduled run, and, while an email or webhook is sent, the id of the request whose
 * change queued it (carried on its outbox item). Every log line carries it (`correlation_id`),
 * with the Lambda invocation it belongs to.
 *
 * Kept in AsyncLocalStorage rather than on the logger: locally one process serves many requests
 * and the stream consumer at once, and each must keep its own id across its awaits.
 */
export interface InvocationContext {
  correlationId: string;
  /** The Lambda invocation: its function and request id, and whether it is the process's first. */
  lambda?: { functionName?: string; awsRequestId?: string; coldStart: boolean };
  /** The function of the service at work (`partner-api`...), whatever its deployed name: locally one process runs them all. */
  service?: string;
}

const storage = new AsyncLocalStorage<InvocationContext>();
let invocations = 0;

/** The id of the invocation, record or item being worked, if any. */
export const currentCorrelationId = (): string | undefined => storage.getStore()?.correlationId;

/** The function of the service at work, if any (shared/table/access.ts checks its table calls locally). */
export const currentService = (): string | undefined => storage.getStore()?.service;

/** The Lambda invocation being worked, if any (for the log lines). */
export const currentInvocation = (): InvocationContext['lambda'] => storage.getStore()?.lambda;

const fresh = (id: string | undefined) => (id && id.trim() !== '' ? id : randomUUID());

/** Runs `fn` with `id` as the correlation id (a fresh one when none is given), in the same invocation. */
export const withCorrelationId = <T>(id: string | undefined, fn: () => T): T => storage.run({ ...storage.getStore(), correlationId: fresh(id) }, fn);

/**
 * A Lambda handler that runs each invocation under the correlation id `correlationOf` finds in its
 * event and context (a fresh id when it finds none), and names the invocation on its log lines
 * and the function of the service (`service`) it is.
 */
export function withCorrelation<E, C, R>(
  correlationOf: (event: E, context: C) => string | undefined,
  handler: (event: E, context: C) => Promise<R>,
  service?: string,
): (event: E, context: C) => Promise<R> {
  return (event, context) => {
    const lambda = context as { functionName?: string; awsRequestId?: string } | undefined;
    const invocation: InvocationContext = {
      correlationId: fresh(correlationOf(event, context)),
      lambda: { functionName: lambda?.functionName ?? process.env.AWS_LAMBDA_FUNCTION_NAME, awsRequestId: lambda?.awsRequestId, coldStart: invocations++ === 0 },
      ...(service ? { service } : {}),
    };
    return storage.run(invocation, () => handler(event, context));
  };
}

/** The correlation id an outbox item carries (written by commitChange), if it has one. */
export const correlationIdOfItem = (item: Record<string, unknown> | undefined): string | undefined =>
  typeof item?.correlationId === 'string' ? item.correlationId : undefined;

import { LogFormatter, LogItem, Logger } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import { currentCorrelationId, currentInvocation } from './correlation.ts';
import { SERVICE_NAME } from './metric-names.ts';

/**
 * Powertools' JSON line, with the correlation id of the work in progress (`correlation_id`, see
 * correlation.ts) right after the base fields, so every line of a request, and of the emails and
 * webhooks it caused, can be found with one query. The Lambda invocation (function, request id,
 * cold start) is the one of the work in progress too, not the last one the logger saw: locally
 * one process runs every function at once.
 */
class CorrelatedLogFormatter extends LogFormatter {
  formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
    const invocation = currentInvocation();
    return new LogItem({
      attributes: {
        level: attributes.logLevel,
        message: attributes.message,
        timestamp: this.formatTimestamp(attributes.timestamp),
        service: attributes.serviceName,
        correlation_id: currentCorrelationId(),
        cold_start: invocation?.coldStart,
        function_name: invocation?.functionName,
        function_request_id: invocation?.awsRequestId,
        xray_trace_id: attributes.xRayTraceId,
      },
    }).addAttributes(additional);
  }
}

/**
 * Keys whose values are never logged, wherever they appear (a header, a body, an error's fields):
 * credentials and tokens, webhook secrets and signatures, hardware hashes. Nothing logs them on
 * purpose (test/stream/log-hygiene.test.ts drives every flow at DEBUG and looks); this is the net
 * under that.
 */
const SECRET_KEY = /authorization|cookie|token|secret|password|api[-_]?key|signature|hardware[-_]?hash|session[-_]?key|cursor[-_]?key|webhook[-_]?key/i;
/** Values that look like this service's credentials, or like a hardware hash (long base64), wherever they appear in text. */
const SECRET_VALUE = /\b(?:dck|ops|whsec)_[A-Za-z0-9+/=_-]{8,}|[A-Za-z0-9+/]{64,}={0,2}/g;

/** The replacer of every log line: see SECRET_KEY and SECRET_VALUE. */
export function redactSecrets(key: string, value: unknown): unknown {
  if (key !== '' && SECRET_KEY.test(key) && value !== undefined && value !== null && typeof value !== 'boolean' && typeof value !== 'number') return '[REDACTED]';
  if (typeof value === 'string') return value.replace(SECRET_VALUE, '[REDACTED]');
  return value;
}

/**
 * The one structured logger (JSON lines; level from POWERTOOLS_LOG_LEVEL, INFO in AWS). Each
 * handler runs under its invocation's context (correlation.ts), which every line names; events
 * are never logged: they carry credentials.
 */
export const logger = new Logger({ serviceName: SERVICE_NAME, logFormatter: new CorrelatedLogFormatter(), jsonReplacerFn: redactSecrets });

import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { openApiDocument } from '#shared/http/openapi.ts';

/**
 * The contract check of every answer the integration suite receives (test/support/api.ts `call`):
 * its status must be declared for its operation in the OpenAPI document, its media type declared
 * for that status, a JSON body must match the declared schema (JSON Schema 2020-12, ajv), and
 * every header the status declares `required` must be there (the RateLimit fields, Retry-After).
 * HTML pages and redirects are checked for their status only.
 */
type Doc = ReturnType<typeof openApiDocument> & { paths: Record<string, Record<string, Operation>>; components: unknown };
interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: object }>; headers?: Record<string, { required?: boolean }> }>;
}

const doc = openApiDocument() as unknown as Doc;
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
const compiled = new Map<string, ValidateFunction>();

/** Path templates, literal ones first, so `/v1/webhook/deliveries` never matches a `{param}`. */
const templates = Object.keys(doc.paths)
  .map((template) => ({ template, regex: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}$`), params: (template.match(/\{/g) ?? []).length }))
  .sort((a, b) => a.params - b.params);

function operationOf(method: string, path: string): { template: string; operation: Operation } | undefined {
  const pathname = path.split('?')[0];
  for (const { template, regex } of templates) {
    if (!regex.test(pathname)) continue;
    const operation = doc.paths[template][method.toLowerCase()];
    if (operation) return { template, operation };
  }
  return undefined;
}

function validatorFor(id: string, schema: object): ValidateFunction {
  let validate = compiled.get(id);
  if (!validate) {
    validate = ajv.compile({ ...schema, components: doc.components });
    compiled.set(id, validate);
  }
  return validate;
}

const PROBLEM_SCHEMA = { $ref: '#/components/schemas/problem' };

/** The contract violations of one answer (empty when it keeps the contract). */
export function contractViolations(method: string, path: string, status: number, contentType: string | null, text: string, headers?: Headers): string[] {
  const found = operationOf(method, path);
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  const where = `${method} ${path} -> ${status} ${mediaType || '(no body)'}`;
  if (!found) {
    // An unknown route: only its problem answer can be checked.
    if (mediaType === 'application/problem+json') return checkJson(where, 'unknown-route-problem', PROBLEM_SCHEMA, text);
    return [];
  }
  const { template, operation } = found;
  const declared = operation.responses[String(status)] ?? operation.responses[`${String(status)[0]}XX`];
  if (!declared) return [`${where}: status ${status} is not declared for ${method} ${template} (declared: ${Object.keys(operation.responses).join(', ')})`];
  const missing = headers ? Object.entries(declared.headers ?? {}).filter(([name, h]) => h.required && !headers.has(name)).map(([name]) => `${where}: the declared header ${name} is missing`) : [];
  if (missing.length > 0) return missing;
  const content = declared.content;
  if (!content) return text ? [`${where}: a body where none is declared`] : [];
  if (!text && status !== 200) return [];
  const media = content[mediaType];
  if (!media) return [`${where}: media type ${mediaType || '(none)'} is not declared (declared: ${Object.keys(content).join(', ')})`];
  if (!mediaType.endsWith('json') || !media.schema) return [];
  return checkJson(where, `${method} ${template} ${status} ${mediaType}`, media.schema, text);
}

function checkJson(where: string, id: string, schema: object, text: string): string[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [`${where}: the body is not JSON`];
  }
  const validate = validatorFor(id, schema);
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${where}: ${e.instancePath || '(body)'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}${e.params && 'allowedValues' in e.params ? ` (${JSON.stringify(e.params.allowedValues)})` : ''}`);
}

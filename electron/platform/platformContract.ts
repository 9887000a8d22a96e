import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { load } from 'js-yaml';
import { PLATFORM_API_YAML } from './platformApiText.js';
import type { PlatformOperationId } from './platformOperations.js';

/**
 * The OpenAPI document as a validator: requests and responses of one operation checked with
 * ajv (OpenAPI 3.1 schemas are JSON Schema 2020-12). The simulator checks every request it
 * receives and every answer it gives; the client checks what it sends and receives when a
 * test asks it to. Violations are returned, never thrown.
 */

export interface ContractViolation {
  /** Which part broke the contract. */
  location: 'operation' | 'path' | 'query' | 'body' | 'response';
  /** JSON pointer into that part ('' for the whole of it). */
  pointer: string;
  message: string;
}

export interface RequestParts {
  /** Path parameters (strings from a URL, or typed values from a caller). */
  params?: Readonly<Record<string, unknown>>;
  /** Query parameters (strings from a URL, or typed values from a caller). */
  query?: Readonly<Record<string, unknown>>;
  /** The parsed JSON body, or undefined when there is none. */
  body?: unknown;
}

export interface PlatformContract {
  readonly document: OpenApiDocument;
  checkRequest(operationId: PlatformOperationId, request: RequestParts): ContractViolation[];
  checkResponse(operationId: PlatformOperationId, status: number, body: unknown): ContractViolation[];
  /** Checks a value against one of components.schemas, e.g. an event payload. */
  checkSchema(schemaName: string, value: unknown): ContractViolation[];
  /** Operation ids with their method and path, as the document lists them. */
  operations(): { operationId: string; method: string; path: string; security: 'terminal' | 'admin' | 'none' }[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, JsonObject>>;
  components: { schemas: Record<string, JsonObject>; [section: string]: Record<string, JsonObject> };
  security?: Record<string, unknown>[];
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: JsonObject;
}

interface OperationEntry {
  operationId: string;
  method: string;
  path: string;
  security: 'terminal' | 'admin' | 'none';
  parameters: Parameter[];
  requestBodySchema: JsonObject | null;
  requestBodyRequired: boolean;
  responses: Map<string, JsonObject | null>;
}

/** Where the component schemas live inside ajv. */
const SCHEMAS_ID = 'https://kiosk.invalid/platform-api/schemas';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Points schema references at the schemas document inside ajv. */
function absolutizeRefs(value: Json): Json {
  if (Array.isArray(value)) return value.map(absolutizeRefs);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] =
      key === '$ref' && typeof child === 'string' && child.startsWith('#/components/schemas/')
        ? `${SCHEMAS_ID}#/$defs/${child.slice('#/components/schemas/'.length)}`
        : absolutizeRefs(child);
  }
  return out;
}

function resolveComponent(document: OpenApiDocument, value: Json): JsonObject {
  if (isObject(value) && typeof value.$ref === 'string') {
    const match = /^#\/components\/([A-Za-z]+)\/([A-Za-z0-9_.-]+)$/.exec(value.$ref);
    const section = match?.[1] ? document.components[match[1]] : undefined;
    const target = match?.[2] ? section?.[match[2]] : undefined;
    if (!target) throw new Error(`unresolvable reference ${value.$ref}`);
    return target;
  }
  if (!isObject(value)) throw new Error('expected an object in the OpenAPI document');
  return value;
}

function jsonSchemaOf(content: Json | undefined): JsonObject | null {
  if (!isObject(content)) return null;
  const json = content['application/json'];
  return isObject(json) && isObject(json.schema) ? (absolutizeRefs(json.schema) as JsonObject) : null;
}

function securityOf(document: OpenApiDocument, operation: JsonObject): OperationEntry['security'] {
  const security = (operation.security ?? document.security ?? []) as Record<string, unknown>[];
  if (security.length === 0) return 'none';
  const names = security.flatMap((requirement) => Object.keys(requirement));
  if (names.includes('adminToken')) return 'admin';
  if (names.includes('terminalSignature')) return 'terminal';
  return 'none';
}

function indexOperations(document: OpenApiDocument): Map<string, OperationEntry> {
  const entries = new Map<string, OperationEntry>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isObject(operation) || typeof operation.operationId !== 'string') continue;
      const parameters = (Array.isArray(operation.parameters) ? operation.parameters : []).map((raw) => {
        const parameter = resolveComponent(document, raw);
        return {
          name: String(parameter.name),
          in: parameter.in as Parameter['in'],
          required: parameter.required === true,
          schema: absolutizeRefs(parameter.schema ?? {}) as JsonObject,
        };
      });
      const requestBody = operation.requestBody === undefined ? null : resolveComponent(document, operation.requestBody);
      const responses = new Map<string, JsonObject | null>();
      for (const [status, raw] of Object.entries(isObject(operation.responses) ? operation.responses : {})) {
        responses.set(status, jsonSchemaOf(resolveComponent(document, raw).content));
      }
      entries.set(operation.operationId, {
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path,
        security: securityOf(document, operation),
        parameters,
        requestBodySchema: requestBody ? jsonSchemaOf(requestBody.content) : null,
        requestBodyRequired: requestBody?.required === true,
        responses,
      });
    }
  }
  return entries;
}

function schemaType(schema: JsonObject): string | null {
  if (typeof schema.type === 'string') return schema.type;
  return null;
}

/** URL parameters arrive as strings; read them as the number or boolean their schema asks for. */
function coerceParameter(value: unknown, schema: JsonObject): unknown {
  if (typeof value !== 'string') return value;
  const type = schemaType(schema);
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

function toViolations(location: ContractViolation['location'], errors: ErrorObject[] | null | undefined): ContractViolation[] {
  return (errors ?? []).map((error) => {
    const extra =
      error.keyword === 'additionalProperties'
        ? ` (${String((error.params as { additionalProperty?: string }).additionalProperty)})`
        : error.keyword === 'enum'
          ? ` (${JSON.stringify((error.params as { allowedValues?: unknown }).allowedValues)})`
          : '';
    return { location, pointer: error.instancePath, message: `${error.message ?? error.keyword}${extra}` };
  });
}

export function createPlatformContract(yamlText: string): PlatformContract {
  const document = load(yamlText) as OpenApiDocument;
  if (!isObject(document) || typeof document.openapi !== 'string' || !document.openapi.startsWith('3.1')) {
    throw new Error('the platform contract must be an OpenAPI 3.1 document');
  }
  const ajv = new Ajv2020({ strict: true, strictTypes: false, strictTuples: false, strictRequired: false, allErrors: true });
  addFormats(ajv);
  const defs: JsonObject = {};
  for (const [name, schema] of Object.entries(document.components.schemas)) defs[name] = absolutizeRefs(schema);
  ajv.addSchema({ $id: SCHEMAS_ID, $defs: defs });

  const operations = indexOperations(document);
  const compiled = new Map<JsonObject, ValidateFunction>();
  const compile = (schema: JsonObject): ValidateFunction => {
    let validate = compiled.get(schema);
    if (!validate) {
      validate = ajv.compile(schema);
      compiled.set(schema, validate);
    }
    return validate;
  };
  const named = new Map<string, JsonObject>();

  const unknownOperation = (operationId: string): ContractViolation[] => [
    { location: 'operation', pointer: '', message: `no operation ${operationId} in the contract` },
  ];

  return {
    document,

    checkRequest(operationId, request) {
      const operation = operations.get(operationId);
      if (!operation) return unknownOperation(operationId);
      const violations: ContractViolation[] = [];
      for (const where of ['path', 'query'] as const) {
        const given = (where === 'path' ? request.params : request.query) ?? {};
        const declared = operation.parameters.filter((p) => p.in === where);
        for (const parameter of declared) {
          const value = given[parameter.name];
          if (value === undefined) {
            if (parameter.required) violations.push({ location: where, pointer: `/${parameter.name}`, message: 'is required' });
            continue;
          }
          const validate = compile(parameter.schema);
          if (!validate(coerceParameter(value, parameter.schema))) {
            violations.push(
              ...toViolations(where, validate.errors).map((v) => ({ ...v, pointer: `/${parameter.name}${v.pointer}` })),
            );
          }
        }
        for (const name of Object.keys(given)) {
          if (given[name] !== undefined && !declared.some((p) => p.name === name)) {
            violations.push({ location: where, pointer: `/${name}`, message: 'is not a parameter of this operation' });
          }
        }
      }
      if (request.body === undefined) {
        if (operation.requestBodyRequired) violations.push({ location: 'body', pointer: '', message: 'a JSON body is required' });
      } else if (!operation.requestBodySchema) {
        violations.push({ location: 'body', pointer: '', message: 'this operation takes no body' });
      } else {
        const validate = compile(operation.requestBodySchema);
        if (!validate(request.body)) violations.push(...toViolations('body', validate.errors));
      }
      return violations;
    },

    checkResponse(operationId, status, body) {
      const operation = operations.get(operationId);
      if (!operation) return unknownOperation(operationId);
      const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => operation.responses.has(k));
      if (key === undefined) {
        return [{ location: 'response', pointer: '', message: `status ${status} is not a documented response` }];
      }
      if (key === 'default' && status < 400) {
        return [{ location: 'response', pointer: '', message: `status ${status} is not a documented success response` }];
      }
      const schema = operation.responses.get(key);
      if (!schema) return [];
      const validate = compile(schema);
      return validate(body) ? [] : toViolations('response', validate.errors);
    },

    checkSchema(schemaName, value) {
      if (!Object.hasOwn(document.components.schemas, schemaName)) {
        return [{ location: 'body', pointer: '', message: `no schema ${schemaName} in the contract` }];
      }
      let schema = named.get(schemaName);
      if (!schema) {
        schema = { $ref: `${SCHEMAS_ID}#/$defs/${schemaName}` };
        named.set(schemaName, schema);
      }
      const validate = compile(schema);
      return validate(value) ? [] : toViolations('body', validate.errors);
    },

    operations() {
      return [...operations.values()].map(({ operationId, method, path, security }) => ({ operationId, method, path, security }));
    },
  };
}

let cached: PlatformContract | null = null;

/** The contract embedded in the app (platformApiText.ts, generated from the YAML). */
export function loadPlatformContract(): PlatformContract {
  cached ??= createPlatformContract(PLATFORM_API_YAML);
  return cached;
}

export function formatViolations(violations: readonly ContractViolation[]): string {
  return violations.map((v) => `${v.location}${v.pointer || ''}: ${v.message}`).join('; ');
}

// Reads the OpenAPI document (/api/v1/openapi.json) into what the API reference page shows: each path's operations, parameters, responses, and the named schemas' fields.
import { z } from 'zod';

const schemaSummary = z
  .object({
    $ref: z.string().optional(),
    type: z.union([z.string(), z.array(z.string())]).optional(),
    format: z.string().optional(),
    enum: z.array(z.unknown()).optional(),
    default: z.unknown().optional(),
    description: z.string().optional(),
    items: z.object({ $ref: z.string().optional(), type: z.union([z.string(), z.array(z.string())]).optional() }).loose().optional(),
    anyOf: z.array(z.object({ $ref: z.string().optional(), type: z.union([z.string(), z.array(z.string())]).optional() }).loose()).optional(),
    properties: z.record(z.string(), z.unknown()).optional(),
    required: z.array(z.string()).optional(),
  })
  .loose();
type SchemaSummary = z.infer<typeof schemaSummary>;

const parameter = z.object({ name: z.string(), in: z.string(), required: z.boolean().optional(), description: z.string().optional(), schema: schemaSummary.optional() }).loose();
const response = z.object({ description: z.string().optional(), content: z.record(z.string(), z.object({ schema: schemaSummary.optional() }).loose()).optional() }).loose();
const operation = z
  .object({ summary: z.string().optional(), description: z.string().optional(), tags: z.array(z.string()).optional(), parameters: z.array(parameter).optional(), responses: z.record(z.string(), response).optional() })
  .loose();
const document = z
  .object({
    info: z.object({ title: z.string(), version: z.string(), description: z.string().optional() }).loose(),
    paths: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
    components: z.object({ schemas: z.record(z.string(), schemaSummary).optional() }).loose().optional(),
  })
  .loose();

export interface ApiParameter {
  name: string;
  in: string;
  required: boolean;
  type: string;
  description: string;
}

export interface ApiOperation {
  /** An anchor for the operation: get-api-v1-plans-id. */
  anchor: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  parameters: ApiParameter[];
  responses: { status: string; description: string; type: string }[];
}

export interface ApiReference {
  title: string;
  version: string;
  description: string;
  operations: ApiOperation[];
  schemas: { name: string; description: string; fields: ApiParameter[] }[];
}

const methods = ['get', 'put', 'post', 'patch', 'delete'];
const refName = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);

/** A schema in a few words: a named schema's name, a list of one, a type with its format and choices. */
export function typeOf(schema: SchemaSummary | undefined): string {
  if (!schema) return '';
  if (schema.$ref) return refName(schema.$ref);
  if (schema.anyOf) return schema.anyOf.map((s) => (s.$ref ? refName(s.$ref) : [s.type ?? ''].flat().join(' | '))).join(' | ');
  const types = [schema.type ?? ''].flat().filter(Boolean);
  if (types.includes('array') && schema.items) return `${schema.items.$ref ? refName(schema.items.$ref) : [schema.items.type ?? ''].flat().join(' | ')}[]`;
  let text = types.join(' | ') || 'object';
  if (schema.format) text += ` (${schema.format})`;
  if (schema.enum) text += `: ${schema.enum.map(String).join(', ')}`;
  return text;
}

export function readApiReference(raw: unknown): ApiReference {
  const doc = document.parse(raw);
  const operations: ApiOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths).toSorted(([a], [b]) => (a < b ? -1 : 1))) {
    for (const method of methods) {
      if (!(method in item)) continue;
      const op = operation.parse(item[method]);
      operations.push({
        anchor: `${method}${path}`.replace(/[^a-zA-Z0-9]+/g, '-').replace(/-+$/, ''),
        method: method.toUpperCase(),
        path,
        summary: op.summary ?? '',
        description: op.description ?? '',
        parameters: (op.parameters ?? []).map((p) => ({ name: p.name, in: p.in, required: p.required === true, type: typeOf(p.schema), description: p.description ?? p.schema?.description ?? '' })),
        responses: Object.entries(op.responses ?? {}).map(([status, r]) => ({
          status,
          description: r.description ?? '',
          type: Object.values(r.content ?? {}).map((c) => typeOf(c.schema))[0] ?? '',
        })),
      });
    }
  }
  const schemas = Object.entries(doc.components?.schemas ?? {}).map(([name, s]) => ({
    name,
    description: s.description ?? '',
    fields: Object.entries(s.properties ?? {}).map(([field, value]) => {
      const parsed = schemaSummary.safeParse(value);
      const fieldSchema = parsed.success ? parsed.data : undefined;
      return { name: field, in: '', required: (s.required ?? []).includes(field), type: typeOf(fieldSchema), description: fieldSchema?.description ?? '' };
    }),
  }));
  return { title: doc.info.title, version: doc.info.version, description: doc.info.description ?? '', operations, schemas };
}

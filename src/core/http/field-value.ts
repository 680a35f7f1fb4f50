// Reading one named value out of what Fastify parsed (a form body, the path's parameters), typed as
// unknown rather than cast: the caller checks what it got.

/** The value `source` holds under `name` as its own property, or undefined (not an object, no such key). */
export function fieldValue(source: unknown, name: string): unknown {
  return typeof source === 'object' && source !== null ? Object.getOwnPropertyDescriptor(source, name)?.value : undefined;
}

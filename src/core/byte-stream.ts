// A byte stream's chunks, typed: Node types what a Readable yields as `any`.
import type { Readable } from 'node:stream';

/** The chunks of a stream of bytes (no encoding set); text or objects in it are a programming error. */
export async function* byteChunks(stream: Readable): AsyncGenerator<Buffer> {
  for await (const chunk of stream) {
    if (!Buffer.isBuffer(chunk)) throw new TypeError('A byte stream gave text or an object, not bytes.');
    yield chunk;
  }
}

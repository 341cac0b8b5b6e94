/**
 * Typed arrays carved out of shared chunks, for batches built or read all at once: a step's
 * info has a dozen small columns, and a typed array of more than 64 bytes otherwise gets a
 * backing store of its own, which costs far more than the bytes in it. Every array is
 * zero-filled (chunks are fresh memory, no byte is handed out twice) and stays valid as long as
 * it is referenced; a kept array keeps its chunk alive (at most `chunkBytes`, or just itself
 * when it is larger than that). Arrays from one arena may share an ArrayBuffer (`.buffer`).
 */
import type { FlatArray } from '../spaces/index.ts';

export class TypedArrayArena {
  private chunk = new ArrayBuffer(0);
  private used = 0;

  constructor(private readonly chunkBytes = 4096) {}

  alloc<T extends FlatArray>(ctor: { new (buffer: ArrayBuffer, byteOffset: number, length: number): T; BYTES_PER_ELEMENT: number }, count: number): T {
    const size = ctor.BYTES_PER_ELEMENT;
    const bytes = count * size;
    if (bytes > this.chunkBytes) return new ctor(new ArrayBuffer(bytes), 0, count);
    let at = Math.ceil(this.used / size) * size;
    if (at + bytes > this.chunk.byteLength) {
      this.chunk = new ArrayBuffer(this.chunkBytes);
      at = 0;
    }
    this.used = at + bytes;
    return new ctor(this.chunk, at, count);
  }

  float64(n: number): Float64Array {
    return this.alloc(Float64Array, n);
  }

  int32(n: number): Int32Array {
    return this.alloc(Int32Array, n);
  }

  uint8(n: number): Uint8Array {
    return this.alloc(Uint8Array, n);
  }
}

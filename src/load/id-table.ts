/**
 * The ids the server issued, by directory index, kept off the JavaScript heap: one byte arena
 * plus an offset and a length per index. 100,000 ids cost ~4 MB of ArrayBuffer instead of
 * ~6.5 MB of heap strings, and, more to the point, they are not live heap that V8 multiplies
 * into its next old-generation limit, so the process's RSS stays flat as the directory grows.
 */
export class IdTable {
  private arena: Buffer;
  private used = 0;
  private readonly starts: Uint32Array;
  /** Byte length + 1 per index; 0 means "no id" (its create failed or has not happened yet). */
  private readonly lengths: Uint32Array;

  constructor(readonly size: number) {
    this.starts = new Uint32Array(size);
    this.lengths = new Uint32Array(size);
    this.arena = Buffer.allocUnsafe(Math.max(1024, size * 40));
  }

  set(index: number, id: string): void {
    const bytes = Buffer.byteLength(id);
    if (this.used + bytes > this.arena.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.arena.length * 2, this.used + bytes));
      this.arena.copy(grown, 0, 0, this.used);
      this.arena = grown;
    }
    this.arena.write(id, this.used, 'utf8');
    this.starts[index] = this.used;
    this.lengths[index] = bytes + 1;
    this.used += bytes;
  }

  /** The id at `index`, or '' when there is none. */
  get(index: number): string {
    const length = this.lengths[index] ?? 0;
    if (length === 0) return '';
    const start = this.starts[index]!;
    return this.arena.toString('utf8', start, start + length - 1);
  }

  has(index: number): boolean {
    return (this.lengths[index] ?? 0) !== 0;
  }
}

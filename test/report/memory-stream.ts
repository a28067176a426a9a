import { Writable } from 'node:stream';

/** A writable that keeps what it was given, for asserting reporter output. */
export class MemoryStream extends Writable {
  private readonly chunks: string[] = [];

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.chunks.push(String(chunk));
    callback();
  }

  text(): string {
    return this.chunks.join('');
  }
}

/** A MemoryStream that claims to be a terminal, so ora draws (and clears) its frames on it. */
export class FakeTerminal extends MemoryStream {
  readonly isTTY = true;
  readonly columns = 100;
  cursorTo(_x: number, callback?: () => void): boolean {
    callback?.();
    return true;
  }
  moveCursor(_dx: number, _dy: number, callback?: () => void): boolean {
    callback?.();
    return true;
  }
  clearLine(_dir: number, callback?: () => void): boolean {
    callback?.();
    return true;
  }
}

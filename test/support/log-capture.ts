/** A log destination that keeps every line the app writes. */
export class LogCapture {
  readonly lines: string[] = [];

  write(chunk: string): void {
    this.lines.push(...chunk.split('\n').filter((line) => line !== ''));
  }

  entries(): Record<string, unknown>[] {
    return this.lines.map(
      (line) => JSON.parse(line) as Record<string, unknown>,
    );
  }

  /** The lines about one request, once the line for its response has been written. */
  async linesOf(requestId: string): Promise<Record<string, unknown>[]> {
    const deadline = Date.now() + 2000;
    while (Date.now() < deadline) {
      const lines = this.entries().filter(
        (entry) => entry['request-id'] === requestId,
      );
      if (lines.length > 0) {
        return lines;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(
      `no log line for request ${requestId}:\n${this.lines.join('\n')}`,
    );
  }
}

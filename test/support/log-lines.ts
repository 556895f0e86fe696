/** The JSON lines an app logs, kept for a test to read (its LogSink). */
import type { LogSink } from '#libs/platform';

export class Lines implements LogSink {
  readonly all: Array<Record<string, unknown>> = [];
  readonly raw: string[] = [];
  write(line: string): void {
    this.raw.push(line);
    for (const text of line.split('\n')) if (text.trim() !== '') this.all.push(JSON.parse(text) as Record<string, unknown>);
  }
  /** The line that logged the answer to `method path`. */
  answer(method: string, path: string): Record<string, unknown> | undefined {
    return this.all.find((line) => (line['req'] as { method?: string; path?: string } | undefined)?.method === method && (line['req'] as { path?: string }).path === path);
  }
}

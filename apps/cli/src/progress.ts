/**
 * A progress line on stderr: done/total, events per second and time left. Redrawn in place on a
 * terminal; on anything else (a CI log) one line every few seconds.
 */
export class Progress {
  private readonly began = Date.now();
  private lastLine = 0;

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  /** `fraction` of the work done (0…1), `events` handled so far. */
  update(fraction: number, events: number, final = false): void {
    const now = Date.now();
    const tty = this.stream.isTTY === true;
    if (!final && now - this.lastLine < (tty ? 100 : 3000)) return;
    this.lastLine = now;
    const seconds = Math.max((now - this.began) / 1000, 0.001);
    const rate = events / seconds;
    const done = Math.min(1, Math.max(0, fraction));
    const eta = done > 0 && !final ? (seconds / done) * (1 - done) : 0;
    const width = 24;
    const bar = '#'.repeat(Math.round(done * width)).padEnd(width, '.');
    const line = `${this.label} [${bar}] ${(done * 100).toFixed(0).padStart(3)}%  ${events.toLocaleString('en')} events  ${Math.round(rate).toLocaleString('en')} events/s  ETA ${formatSeconds(eta)}`;
    this.stream.write(tty ? `\r${line}${final ? '\n' : ''}` : `${line}\n`);
  }
}

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}

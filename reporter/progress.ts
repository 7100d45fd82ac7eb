/**
 * The one line a run shows while it goes, from the moment the reporter exists (global setup, where a slow target's
 * first seconds go, comes before any test): what it is doing, requirements judged of those in the catalogue (the
 * number the last lines give), and the time since the process started. On a terminal it is rewritten in place; in a
 * log (CI) a plain line now and then. Written here, not with ora or cli-progress: it is one line redrawn with `\r`,
 * and their spinners and bars would leave escape codes in a CI log.
 */
export class Progress {
  private readonly tty: boolean;
  private lastDrawn = 0;
  private timer?: NodeJS.Timeout;
  private shown = false;
  private phase: 'setting up the run (target, sign-in, apps)' | 'running' =
    'setting up the run (target, sign-in, apps)';

  constructor(
    private readonly count: { total: number; judged: () => number },
    private readonly out: NodeJS.WriteStream = process.stdout,
  ) {
    this.tty = !!out.isTTY;
    // A terminal is redrawn each second so the clock moves between slow tests; a log gets a line after 15 s, then
    // one a minute: a long run against a slow server stays a short log. Nothing is drawn before the first tick, so a
    // run that ends at once (could not start, nothing selected) shows no progress at all.
    this.tick(this.tty ? 1_000 : 15_000);
  }

  /** The tests are chosen and start: from now on the line counts requirements judged. */
  running(): void {
    this.phase = 'running';
    if (this.tty && this.shown) this.draw();
  }

  /** A test ended: a terminal shows it at once (at most ten times a second). */
  changed(): void {
    if (this.tty && this.shown && Date.now() - this.lastDrawn > 100) this.draw();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.tty && this.shown) this.clear();
  }

  /** What the line says now (also what a log gets). */
  text(): string {
    const seconds = Math.round(performance.now() / 1000);
    if (this.phase !== 'running') return `${this.phase} · ${seconds} s`;
    return `running: ${this.count.judged()} of ${this.count.total} requirements judged · ${seconds} s`;
  }

  private tick(ms: number): void {
    this.timer = setTimeout(() => {
      this.draw();
      this.tick(this.tty ? 1_000 : 60_000);
    }, ms);
    this.timer.unref();
  }

  private draw(): void {
    this.lastDrawn = Date.now();
    this.shown = true;
    if (!this.tty) {
      this.out.write(`${this.text()}\n`);
      return;
    }
    this.clear();
    this.out.write(this.text().slice(0, Math.max(20, (this.out.columns ?? 80) - 1)));
  }

  /** Node's own terminal calls (tty.WriteStream), not escape sequences by hand. */
  private clear(): void {
    this.out.clearLine?.(0);
    this.out.cursorTo?.(0);
  }
}

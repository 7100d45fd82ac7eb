/**
 * The one line a run shows while it goes: requirements judged of those selected, and the time so far. On a terminal
 * it is rewritten in place; in a log (CI) a plain line now and then.
 */
export class Progress {
  private readonly remaining = new Map<string, number>();
  private readonly testsOf = new Map<string, string[]>();
  private readonly started = Date.now();
  private readonly tty = !!process.stdout.isTTY;
  private lastDrawn = 0;
  private timer?: NodeJS.Timeout;
  private shown = false;

  constructor(
    tests: { id: string; requirements: string[] }[],
    private readonly out: NodeJS.WriteStream = process.stdout,
  ) {
    for (const t of tests) {
      this.testsOf.set(t.id, t.requirements);
      for (const id of t.requirements) this.remaining.set(id, (this.remaining.get(id) ?? 0) + 1);
    }
    if (!this.remaining.size) return;
    // A terminal is redrawn each second so the clock moves between slow tests; a log gets a line after 15 s, then
    // one a minute: a long run against a slow server stays a short log.
    if (this.tty) this.draw(false);
    this.tick(this.tty ? 1_000 : 15_000);
  }

  private tick(ms: number): void {
    this.timer = setTimeout(() => {
      this.draw(!this.tty);
      this.tick(this.tty ? 1_000 : 60_000);
    }, ms);
    this.timer.unref();
  }

  testEnded(testId: string): void {
    for (const id of this.testsOf.get(testId) ?? []) this.remaining.set(id, (this.remaining.get(id) ?? 1) - 1);
    if (this.tty && Date.now() - this.lastDrawn > 100) this.draw(false);
  }

  stop(): void {
    clearTimeout(this.timer);
    if (this.tty && this.shown) this.out.write('\r\x1b[2K');
  }

  private draw(plain: boolean): void {
    this.lastDrawn = Date.now();
    const judged = [...this.remaining.values()].filter((n) => n <= 0).length;
    const seconds = Math.round((Date.now() - this.started) / 1000);
    const text = `running: ${judged} of ${this.remaining.size} requirements judged · ${seconds} s`;
    this.shown = true;
    this.out.write(plain ? `${text}\n` : `\r\x1b[2K${text}`);
  }
}

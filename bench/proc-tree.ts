import { readdirSync, readFileSync } from 'node:fs';

/**
 * Peak memory of a process and all its descendants (Playwright workers, Chromium's many processes), sampled from
 * /proc every `everyMs`. Two sums per sample: RSS (what `ps` shows; counts pages shared between Chromium's processes
 * once per process, so it overstates) and PSS (shared pages divided among their sharers; the honest total).
 */
export class TreeMemory {
  peakRssBytes = 0;
  peakPssBytes = 0;
  samples = 0;
  /** Last seen utime+stime per process, in clock ticks: the sum is the tree's CPU time (to the last sample). */
  private readonly cpuTicks = new Map<number, number>();
  /** What each process was, from its command line when last seen: CPU time is also summed by kind. */
  private readonly kinds = new Map<number, string>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly root: number,
    everyMs = 100,
  ) {
    this.timer = setInterval(() => this.sample(), everyMs);
    this.sample();
  }

  stop(): {
    peakRssMiB: number;
    peakPssMiB: number;
    cpuMs: number;
    cpuMsByKind: Record<string, number>;
    samples: number;
  } {
    clearInterval(this.timer);
    const mib = (b: number) => Math.round(b / 1024 / 1024);
    let ticks = 0;
    const byKind: Record<string, number> = {};
    for (const [pid, t] of this.cpuTicks) {
      ticks += t;
      const kind = this.kinds.get(pid) ?? 'other';
      byKind[kind] = (byKind[kind] ?? 0) + t * 10;
    }
    // Linux reports CPU time in USER_HZ, 100 per second on every common build.
    return {
      peakRssMiB: mib(this.peakRssBytes),
      peakPssMiB: mib(this.peakPssBytes),
      cpuMs: ticks * 10,
      cpuMsByKind: byKind,
      samples: this.samples,
    };
  }

  private sample(): void {
    const children = new Map<number, number[]>();
    const ticks = new Map<number, number>();
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      const stat = read(`/proc/${name}/stat`);
      if (!stat) continue;
      // The command name may hold spaces and parentheses: the fields after the last ')' are fixed.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(fields[1]);
      ticks.set(Number(name), Number(fields[11]) + Number(fields[12]));
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    }
    let rss = 0;
    let pss = 0;
    const stack = [this.root];
    while (stack.length) {
      const pid = stack.pop()!;
      const t = ticks.get(pid);
      if (t !== undefined) this.cpuTicks.set(pid, t);
      // Read again at every sample: a child seen between fork and exec still shows its parent's command line.
      const cmdline = read(`/proc/${pid}/cmdline`);
      if (cmdline) this.kinds.set(pid, kindOf(cmdline));
      const rollup = read(`/proc/${pid}/smaps_rollup`);
      if (rollup) {
        rss += kib(rollup, 'Rss');
        pss += kib(rollup, 'Pss');
      }
      stack.push(...(children.get(pid) ?? []));
    }
    this.samples++;
    this.peakRssBytes = Math.max(this.peakRssBytes, rss * 1024);
    this.peakPssBytes = Math.max(this.peakPssBytes, pss * 1024);
  }
}

function kindOf(cmdline: string): string {
  const c = cmdline.replace(/\0/g, ' ');
  if (/chrom/i.test(c)) return /--type=renderer/.test(c) ? 'chromium renderers' : 'chromium (browser, gpu, utility)';
  if (/workerProcessEntry/.test(c)) return 'playwright workers';
  if (/cli\.js test/.test(c)) return 'playwright runner (global setup, embedded server, reporter)';
  if (/tsx|cli\/main\.ts/.test(c)) return 'CLI (tsx, cli/main.ts)';
  return c.split(' ')[0]?.split('/').pop() || 'other';
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // the process ended between listing and reading
  }
}

function kib(rollup: string, field: string): number {
  return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0);
}

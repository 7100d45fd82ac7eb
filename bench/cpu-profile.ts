/**
 * Reading V8 .cpuprofile files (node --cpu-prof): each sample is a leaf node of the call tree, and lasts until the next
 * sample. A sample is attributed by walking from its leaf up through its parents (see `categorize` in profile.ts).
 * Timestamps (startTime, endTime, sample times) are microseconds of one monotonic clock shared by the processes of a
 * run, so profiles of the runner and its workers can be laid side by side.
 */
import { readFileSync } from 'node:fs';

interface RawNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface Frame {
  functionName: string;
  url: string;
}

export interface CpuProfile {
  file: string;
  startUs: number;
  endUs: number;
  /** Each sample: when it was taken, how long it lasted, and its stack from leaf to root. */
  samples: { atUs: number; us: number; stack: Frame[] }[];
}

export function readCpuProfile(file: string): CpuProfile {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: RawNode[];
    startTime: number;
    endTime: number;
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(raw.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of raw.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stacks = new Map<number, Frame[]>();
  const stackOf = (id: number): Frame[] => {
    let s = stacks.get(id);
    if (!s) {
      s = [];
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const f = byId.get(at)!.callFrame;
        if (f.functionName !== '(root)') s.push({ functionName: f.functionName, url: f.url });
      }
      stacks.set(id, s);
    }
    return s;
  };
  const times: number[] = [];
  let t = raw.startTime;
  for (const d of raw.timeDeltas) {
    t += d;
    times.push(t);
  }
  const samples = raw.samples.map((id, i) => ({
    atUs: times[i]!,
    us: Math.max(0, (times[i + 1] ?? raw.endTime) - times[i]!),
    stack: stackOf(id),
  }));
  return { file, startUs: raw.startTime, endUs: raw.endTime, samples };
}

/** Not CPU: the thread was waiting. */
export const isIdle = (s: { stack: Frame[] }): boolean => s.stack[0]?.functionName === '(idle)';

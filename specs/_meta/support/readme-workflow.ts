import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './run-suite.ts';

export interface Step {
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
  'working-directory'?: string;
}
export interface Workflow {
  env?: Record<string, string>;
  jobs: Record<
    string,
    { 'runs-on': string; needs?: string; if?: string; strategy?: { matrix: { shard: number[] } }; steps: Step[] }
  >;
}

/** The workflow the README's "Gate your server's CI" gives, exactly as a reader would copy it. */
export function readmeWorkflow(): Workflow {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /<!-- ci-workflow -->\s*```yaml\n([\s\S]*?)```\s*<!-- \/ci-workflow -->/.exec(readme);
  if (!block) throw new Error('README.md has no <!-- ci-workflow --> block');
  return parse(block[1]!) as Workflow;
}

/** The steps that check out the suite itself (not the server under test). */
export function suiteCheckouts(workflow: Workflow): Step[] {
  return Object.values(workflow.jobs)
    .flatMap((j) => j.steps)
    .filter(
      (s) => s.uses?.startsWith('actions/checkout') && s.with?.repository?.endsWith('/mastodon-oauth-conformance'),
    );
}

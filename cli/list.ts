import type { LISTS } from './args.ts';

/**
 * `list requirements` (ID, level, since, statement), `list mutants` (the defects --mutant injects) and `list variants`
 * (the real-instance configurations --reference-variant gives the embedded server): a header and a row each;
 * `--json` gives the same rows as JSON.
 */
export async function list(what: (typeof LISTS)[number], json: boolean): Promise<string> {
  const rows = await rowsOf(what);
  if (json) return `${JSON.stringify(rows, null, 2)}\n`;
  const head = Object.keys(rows[0] ?? {}).map((k) => k.toUpperCase());
  const cells = rows.map((r) => Object.values(r).map((v) => (Array.isArray(v) ? v.join(', ') : String(v ?? ''))));
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `${c.map((x, i) => (i < c.length - 1 ? x.padEnd(widths[i]!) : x)).join('  ')}\n`;
  return [head, ...cells].map(line).join('');
}

async function rowsOf(what: (typeof LISTS)[number]): Promise<Record<string, unknown>[]> {
  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
  if (what === 'requirements') {
    const { registry } = await import('../fixtures/core/registry.ts');
    // In the catalogue's order: by endpoint, as the report lists them.
    return [...registry().values()].map((r) => ({ id: r.id, level: r.level, since: r.since, statement: r.statement }));
  }
  const { listMutants, listVariants } = await import('../fixtures/reference-server/index.ts');
  if (what === 'mutants')
    return listMutants()
      .sort(byId)
      .map((m) => ({ id: m.id, breaks: m.breaks, defect: m.description }));
  return listVariants()
    .sort(byId)
    .map((v) => ({ id: v.id, configuration: v.description }));
}

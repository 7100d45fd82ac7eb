const rules = new Intl.PluralRules('en');

/** `1 app`, `2 apps`: the count and its noun in the form English gives that count (Node's Intl.PluralRules picks). */
export function count(n: number, one: string, other = `${one}s`): string {
  return `${n} ${rules.select(n) === 'one' ? one : other}`;
}

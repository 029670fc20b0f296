/** Command-line options of `dasmo seed` and `dasmo calibration`, parsed strictly: a typo is an error, not a default. */
export function parseOptions(
  argv: readonly string[],
  known: Readonly<Record<string, 'value' | 'flag'>>
): { values: Record<string, string>; flags: Set<string>; rest: string[] } {
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      rest.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split('=', 2);
    const kind = known[name];
    if (!kind) {
      throw new Error(`"${a}" is not an option of this command.`);
    }
    if (kind === 'flag') {
      flags.add(name);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) {
      throw new Error(`--${name} needs a value.`);
    }
    values[name] = value;
  }
  return { values, flags, rest };
}

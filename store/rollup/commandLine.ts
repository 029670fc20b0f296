/** The value after `name` on the command line of a benchmark script (benchmark.ts, explainRebuild.ts), if given. */
export function argument(name: string): string | undefined {
  const k = process.argv.indexOf(name);
  return k < 0 ? undefined : process.argv[k + 1];
}

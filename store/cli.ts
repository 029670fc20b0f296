/**
 * `dasmo <command> …`: each command lives in store/commands/<command>.ts and exports
 * `run(argv): Promise<number>` (the exit status) and a one-line `summary`.
 */
import { pgliteAbortSentence } from './db/pgliteAbort';
import { databaseSettingsFromEnv } from './db/settings';

const COMMANDS = ['load', 'watch', 'users', 'seed', 'serve', 'demo', 'calibration', 'settings'] as const;

interface Command {
  summary: string;
  run(argv: string[]): Promise<number>;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === 'help') {
    const lines = await Promise.all(
      COMMANDS.map(async (c) => {
        const cmd = await importCommand(c);
        return cmd ? `  ${c.padEnd(12)} ${cmd.summary}` : null;
      })
    );
    process.stdout.write(`Usage: dasmo <command> [options]\n\nCommands:\n${lines.filter(Boolean).join('\n')}\n`);
    return name ? 0 : 1;
  }
  const cmd = (COMMANDS as readonly string[]).includes(name) ? await importCommand(name) : null;
  if (!cmd) {
    process.stderr.write(`dasmo: "${name}" is not a command. Run "dasmo help" for the list.\n`);
    return 2;
  }
  return cmd.run(rest);
}

async function importCommand(name: string): Promise<Command | null> {
  try {
    return (await import(`./commands/${name}`)) as Command;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' || (e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') {
      return null;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    const message = e instanceof Error ? e.message : String(e);
    const settings = databaseSettingsFromEnv();
    process.stderr.write(`dasmo: ${(!settings.url && pgliteAbortSentence(message, settings.dataDir)) || message}\n`);
    process.exitCode = 1;
  }
);

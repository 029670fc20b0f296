/**
 * The worker's fiscal code never enters the store: it is replaced by HMAC-SHA-256 under a key
 * that lives outside the repository (DASMO_PSEUDONYM_KEY), so the same worker always gets the
 * same pseudonym and nobody without the key can go back.
 */
import { createHmac } from 'node:crypto';

export const PSEUDONYM_KEY_VARIABLE = 'DASMO_PSEUDONYM_KEY';
const MIN_KEY_LENGTH = 16;

/** The key from the environment; an Error with a plain explanation when it is missing or too short. */
export function pseudonymKeyFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const key = env[PSEUDONYM_KEY_VARIABLE] ?? '';
  if (key.length < MIN_KEY_LENGTH) {
    throw new Error(
      `${PSEUDONYM_KEY_VARIABLE} is ${key ? 'too short' : 'not set'}: the loader needs a secret of at least ` +
        `${MIN_KEY_LENGTH} characters to pseudonymise fiscal codes (e.g. \`openssl rand -hex 32\`), kept outside the repository.`
    );
  }
  return key;
}

/** Pseudonyms with a bounded cache: a worker has one SR41 per month, so codes repeat. */
export function pseudonymiser(key: string, cacheSize = 500_000): (fiscalCode: string) => string {
  if (key.length < MIN_KEY_LENGTH) {throw new Error(`The pseudonym key must have at least ${MIN_KEY_LENGTH} characters.`);}
  let cache = new Map<string, string>();
  return (fiscalCode) => {
    const code = fiscalCode.toUpperCase();
    let p = cache.get(code);
    if (p === undefined) {
      p = createHmac('sha256', key).update(code).digest('hex');
      if (cache.size >= cacheSize) {cache = new Map();}
      cache.set(code, p);
    }
    return p;
  };
}

/** The key for a command, or null after telling the user on stderr why it cannot start. */
export function pseudonymKeyForCommand(command: string): string | null {
  try {
    return pseudonymKeyFromEnv();
  } catch (e) {
    process.stderr.write(`dasmo ${command}: ${(e as Error).message}\n`);
    return null;
  }
}

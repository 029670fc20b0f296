/**
 * The worker's fiscal code never enters the store: it is replaced by HMAC-SHA-256 under a key
 * that lives outside the repository (DASMO_PSEUDONYM_KEY), so the same worker always gets the
 * same pseudonym and nobody without the key can go back.
 */
import { createHmac, createSecretKey } from 'node:crypto';

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

/** Text toUpperCase leaves as it is. */
const UPPER_CASE = /^[A-Z0-9]*$/;

/** Pseudonyms with a bounded cache: a worker has one SR41 per month, so codes repeat. */
export function pseudonymiser(key: string, cacheSize = 500_000): (fiscalCode: string) => string {
  if (key.length < MIN_KEY_LENGTH) {throw new Error(`The pseudonym key must have at least ${MIN_KEY_LENGTH} characters.`);}
  // One key object for every code: a string key would be imported again by each HMAC.
  const secret = createSecretKey(Buffer.from(key, 'utf8'));
  let cache = new Map<string, string>();
  // A worker's SR41 mostly follow one another in the file: the last code skips the map.
  let lastCode: string | undefined;
  let lastPseudonym = '';
  return (fiscalCode) => {
    if (fiscalCode === lastCode) {return lastPseudonym;}
    // Codes come upper case: only one that may not be costs a new string.
    const code = UPPER_CASE.test(fiscalCode) ? fiscalCode : fiscalCode.toUpperCase();
    let p = cache.get(code);
    if (p === undefined) {
      p = createHmac('sha256', secret).update(code).digest('hex');
      if (cache.size >= cacheSize) {cache = new Map();}
      cache.set(code, p);
    }
    lastCode = fiscalCode;
    lastPseudonym = p;
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

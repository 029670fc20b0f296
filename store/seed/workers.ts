/**
 * Synthetic workers: a fiscal code and an IBAN made from the worker's number, in the Italian
 * formats (codice fiscale with its check letter, IBAN IT with valid check digits). They belong
 * to nobody: surnames and names are random consonants, birth places random codes.
 */
import { BLOCKED_WORKER_SHARE } from './params';
import { hashInts } from './random';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const CONSONANTS = 'BCDFGLMNPRSTVZ';
const MONTH_LETTERS = 'ABCDEHLMPRST';
const ODD_VALUES = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
const WORKER_STREAM = 3;

/** The check character of the first 15 characters of a codice fiscale. */
export function fiscalCodeCheck(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = first15.charCodeAt(i);
    const v = c <= 57 ? c - 48 : c - 65; // digits count as A–J
    sum += i % 2 === 0 ? ODD_VALUES[v] : v;
  }
  return LETTERS[sum % 26];
}

/** Worker `index` of employer `employerNo`: a stable key for the same person across applications. */
export function workerKey(employerNo: number, index: number): number {
  return employerNo * 10000 + index;
}

export function fiscalCode(seed: number, key: number): string {
  const h1 = hashInts(seed, WORKER_STREAM, key, 1);
  const h2 = hashInts(seed, WORKER_STREAM, key, 2);
  let s = '';
  for (let i = 0; i < 6; i++) {
    s += CONSONANTS[(i < 3 ? h1 >>> (i * 5) : h2 >>> ((i - 3) * 5)) % CONSONANTS.length];
  }
  const year = 55 + (h1 % 48); // born 1955–2002
  const female = (h2 >>> 20) % 2 === 1;
  const day = 1 + ((h2 >>> 8) % 28) + (female ? 40 : 0);
  s += String(year % 100).padStart(2, '0');
  s += MONTH_LETTERS[(h1 >>> 16) % 12];
  s += String(day).padStart(2, '0');
  s += LETTERS[(h2 >>> 3) % 13]; // birth place letters A–M, as municipal codes
  s += String((h1 >>> 7) % 1000).padStart(3, '0');
  return s + fiscalCodeCheck(s);
}

function mod97(digits: string): number {
  let r = 0;
  for (let i = 0; i < digits.length; i++) {
    r = (r * 10 + digits.charCodeAt(i) - 48) % 97;
  }
  return r;
}

export function iban(seed: number, key: number): string {
  const h1 = hashInts(seed, WORKER_STREAM, key, 3);
  const h2 = hashInts(seed, WORKER_STREAM, key, 4);
  const h3 = hashInts(seed, WORKER_STREAM, key, 5);
  const cin = LETTERS[h1 % 26];
  const abi = String(1000 + (h1 >>> 8) % 9000).padStart(5, '0');
  const cab = String(h2 % 100000).padStart(5, '0');
  const account = String(h3).padStart(10, '0') + String((h2 >>> 17) % 100).padStart(2, '0');
  const bban = cin + abi + cab + account;
  // ISO 13616: letters as numbers (A = 10), country and "00" moved to the end.
  const numeric = bban.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55)) + '1829' + '00';
  const check = String(98 - mod97(numeric)).padStart(2, '0');
  return `IT${check}${bban}`;
}

/** A worker whose payments stay blocked for long (alta criticità), fixed for the person. */
export function isBlockedWorker(seed: number, key: number): boolean {
  return hashInts(seed, WORKER_STREAM, key, 6) / 4294967296 < BLOCKED_WORKER_SHARE;
}

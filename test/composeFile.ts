/**
 * docker-compose.yml as the tests read it: parsed, with `${VAR:-default}` resolved from a given
 * environment (or the default), as `docker compose` itself does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const ROOT = join(__dirname, '..');

export interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

export function readComposeRaw(): Record<string, unknown> {
  return parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true });
}

/** Every `${NAME:-default}` the file uses, with its default. */
export function composeVariables(): Map<string, string> {
  const text = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
  const vars = new Map<string, string>();
  for (const m of text.matchAll(/\$\{(\w+):-([^}]*)\}/g)) {
    vars.set(m[1], m[2]);
  }
  return vars;
}

/** Compose's interpolation: `${NAME:-default}` from env or the default, `$$` as `$`. */
export function interpolate(value: string, env: Record<string, string | undefined> = {}): string {
  return value.replace(/\$\{(\w+):-([^}]*)\}/g, (_, name: string, fallback: string) => env[name] || fallback).replace(/\$\$/g, '$');
}

export function composeServices(env: Record<string, string | undefined> = {}): Record<string, ComposeService> {
  const raw = readComposeRaw() as { services: Record<string, ComposeService> };
  const resolve = (x: unknown): unknown =>
    typeof x === 'string' ? interpolate(x, env) : Array.isArray(x) ? x.map(resolve) : x && typeof x === 'object' ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, resolve(v)])) : x;
  return resolve(raw.services) as Record<string, ComposeService>;
}

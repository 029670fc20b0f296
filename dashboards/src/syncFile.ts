/** Generated files (dashboards, alerting provisioning) are committed; this writes or checks one. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * With `check`, only compares: returns false when the file is missing or differs from `text`.
 * Otherwise writes `text` (creating the folder) and returns true.
 */
export function syncFile(path: string, text: string, check: boolean): boolean {
  if (!check) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return true;
  }
  try {
    return readFileSync(path, 'utf8') === text;
  } catch {
    return false;
  }
}

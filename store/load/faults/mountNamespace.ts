/**
 * A read-only folder or a full disk for one `dasmo` process, even as root (where chmod stops
 * nothing): the process runs in a private mount namespace (`unshare -m`), where a folder is
 * bind-mounted read-only or a small tmpfs stands in for the disk. Nothing leaks out: the mounts
 * go away with the process. Where namespaces are not allowed, the tests that need them say so.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from '../fixtures/childProcess';

/** Whether this process may mount in a private namespace (root with CAP_SYS_ADMIN, as here and in CI). */
export const CAN_MOUNT: boolean = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'dasmo-mount-probe-'));
  try {
    return spawnSync('unshare', ['-m', 'sh', '-c', 'mount -t tmpfs -o size=1m tmpfs "$0"', dir], { stdio: 'ignore' }).status === 0;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})();

/** Shell lines that make `$DIR` read-only inside the namespace. */
export const READ_ONLY = (variable: string) => `mount --bind "$${variable}" "$${variable}" && mount -o remount,bind,ro "$${variable}"`;

/**
 * Runs `setup`, then `dasmo <args>`, then `after` (whatever its status), all in one private mount
 * namespace; paths reach the shell as environment variables, never spliced into the script.
 */
export function dasmoInNamespace(
  setup: string, args: string[], env: NodeJS.ProcessEnv, after = 'true'
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const script = `set -e; ${setup}; set +e; node "$DASMO_BIN" "$@"; code=$?; ${after}; exit $code`;
  const child = spawn('unshare', ['-m', 'sh', '-c', script, 'sh', ...args], { env: { ...env, DASMO_BIN: BIN }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

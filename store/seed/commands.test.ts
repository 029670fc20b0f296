import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const work = mkdtempSync(join(tmpdir(), 'dasmo-seed-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const dasmo = (...args: string[]) =>
  spawnSync(process.execPath, [join(__dirname, '..', '..', 'bin', 'dasmo.js'), ...args], { encoding: 'utf8' });

test('dasmo seed writes the history folder and one folder per day, and says what it wrote', () => {
  const out = join(work, 'inbox');
  const r = dasmo('seed', '--scale', '0.0005', '--from', '2020-04-30', '--to', '2020-05-02', '--out', out, '--seed', '3', '--quiet');
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/^Wrote 3 folders to .+: \d+ domande rows, \d+ sr41 rows \(0 of them bad on purpose\)/);
  expect(readdirSync(out).sort()).toEqual(['2020-04-30', '2020-05-01', '2020-05-02']);
});

test('dasmo seed and dasmo calibration refuse bad options with exit status 2, naming the option', () => {
  const noScale = dasmo('seed', '--from', '2020-04-30', '--to', '2020-05-02', '--out', work);
  expect([noScale.status, noScale.stderr]).toEqual([2, expect.stringContaining('--scale is required')]);
  const badDate = dasmo('seed', '--scale', '1', '--from', '30/04/2020', '--to', '2020-05-02', '--out', work);
  expect([badDate.status, badDate.stderr]).toEqual([2, expect.stringContaining('--from "30/04/2020" is not a date written AAAA-MM-GG')]);
  const unknown = dasmo('seed', '--scael', '1');
  expect([unknown.status, unknown.stderr]).toEqual([2, expect.stringContaining('"--scael" is not an option of this command')]);
  const badScale = dasmo('calibration', '--scale', 'abc');
  expect([badScale.status, badScale.stderr]).toEqual([2, expect.stringContaining('--scale "abc" is not a number above 0')]);
});

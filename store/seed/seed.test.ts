import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readOffices } from '../db/reference';
import { ExtractChecker, FISCAL_CODE_PATTERN } from './check';
import { A, APPLICATION_COLUMNS, APPLICATIONS_FILE, MANIFEST_FILE, S, SR41_COLUMNS, SR41_FILE } from './columns';
import { APPLICATION_FAULTS, SR41_FAULTS } from './dirty';
import { readExtractFile } from './extractReader';
import { generateExtracts, type SeedOptions } from './generate';
import { openApplications, tallyFolders } from './tally';
import { fiscalCodeCheck } from './workers';
import { generatedAt } from './writer';

const work = mkdtempSync(join(tmpdir(), 'dasmo-seed-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const base: SeedOptions = { scale: 0.001, from: '2020-04-30', to: '2020-05-03', out: '', seed: 7, dirty: 0 };
const seed = (name: string, o: Partial<SeedOptions> = {}) => generateExtracts({ ...base, out: join(work, name), ...o });
const folderNames = (out: string) => readdirSync(out).sort();
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const regionOf = new Map(readOffices().map((o) => [o.code, o.regionCode]));

/** ISO 13616 check: the IBAN with its first four characters moved to the end, letters as numbers, mod 97 = 1. */
function ibanChecks(iban: string): boolean {
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return BigInt(digits) % 97n === 1n;
}

/** Runs the rule checker over every row of the folders, in order; returns rows by the rule they break ('' = none). */
async function checkRows(out: string): Promise<{ byReason: Record<string, number>; sample: Record<string, string> }> {
  const checker = new ExtractChecker(regionOf);
  const byReason: Record<string, number> = {};
  const sample: Record<string, string> = {};
  const note = (reason: string | null, f: string[]) => {
    const r = reason ?? '';
    byReason[r] = (byReason[r] ?? 0) + 1;
    sample[r] ??= f.join(';');
  };
  for (const name of folderNames(out)) {
    await readExtractFile(join(out, name, APPLICATIONS_FILE), APPLICATION_COLUMNS, (f) => note(checker.application(f, name), f));
    await readExtractFile(join(out, name, SR41_FILE), SR41_COLUMNS, (f) => note(checker.sr41(f, name), f));
  }
  return { byReason, sample };
}

test('the same --seed writes the same bytes, another seed other bytes', () => {
  seed('a');
  seed('b');
  seed('c', { seed: 8 });
  const files = (out: string) =>
    folderNames(out).flatMap((d) => [MANIFEST_FILE, APPLICATIONS_FILE, SR41_FILE].map((f) => sha(join(out, d, f))));
  expect(folderNames(join(work, 'a'))).toEqual(['2020-04-30', '2020-05-01', '2020-05-02', '2020-05-03']);
  expect(files(join(work, 'a'))).toEqual(files(join(work, 'b')));
  expect(files(join(work, 'c'))).not.toEqual(files(join(work, 'a')));
});

test('manifests say the extract was made at 03:12 Rome time the next night, on either side of a clock change', () => {
  expect(generatedAt('2020-12-01')).toBe('2020-12-02T03:12:00+01:00');
  expect(generatedAt('2021-03-27')).toBe('2021-03-28T03:12:00+02:00'); // summer time from 02:00 that night
  expect(generatedAt('2021-10-30')).toBe('2021-10-31T03:12:00+01:00'); // winter time from 03:00 that night
  expect(generatedAt('2021-06-30')).toBe('2021-07-01T03:12:00+02:00');
});

test('manifests state the reference date, the data rows and the checksum of each file', () => {
  const out = join(work, 'a');
  for (const name of folderNames(out)) {
    const manifest = JSON.parse(readFileSync(join(out, name, MANIFEST_FILE), 'utf8'));
    expect(manifest.dataRiferimento).toBe(name);
    expect(manifest.generato.startsWith(name)).toBe(false); // produced the night after
    for (const file of [APPLICATIONS_FILE, SR41_FILE]) {
      const text = readFileSync(join(out, name, file), 'utf8');
      const lines = text.split('\n').filter((l) => l !== '');
      expect(manifest.file[file]).toEqual({ righe: lines.length - 1, sha256: sha(join(out, name, file)) });
    }
  }
});

test('every clean row passes the extract rules, and daily folders hold only their day', async () => {
  const out = join(work, 'clean');
  seed('clean', { from: '2020-09-30', to: '2020-10-03' });
  const { byReason, sample } = await checkRows(out);
  expect(sample).toEqual({ '': expect.any(String) });
  expect(byReason[''] ?? 0).toBeGreaterThan(1000);
  for (const name of folderNames(out).slice(1)) {
    const otherDays = new Set<string>();
    await readExtractFile(join(out, name, APPLICATIONS_FILE), APPLICATION_COLUMNS, (f) => otherDays.add(f[A.data_stato]));
    await readExtractFile(join(out, name, SR41_FILE), SR41_COLUMNS, (f) => otherDays.add(f[S.data_stato]));
    expect([...otherDays]).toEqual([name]);
  }
});

test('SR41 belong to DIRETTO applications, carry valid fiscal codes, and IBANs on RICEVUTO rows', async () => {
  const out = join(work, 'clean');
  const mode = new Map<string, string>();
  let cigdNotDirect = 0;
  for (const name of folderNames(out)) {
    await readExtractFile(join(out, name, APPLICATIONS_FILE), APPLICATION_COLUMNS, (f) => {
      mode.set(f[A.protocollo], f[A.modalita_pagamento]);
      cigdNotDirect += f[A.prestazione] === 'CIGD' && f[A.modalita_pagamento] !== 'DIRETTO' ? 1 : 0;
    });
  }
  const modes = new Set<string>();
  const badFiscalCodes: string[] = [];
  const ibans: string[] = [];
  for (const name of folderNames(out)) {
    await readExtractFile(join(out, name, SR41_FILE), SR41_COLUMNS, (f) => {
      const cf = f[S.codice_fiscale];
      modes.add(mode.get(f[S.protocollo]) ?? 'unknown');
      if (!FISCAL_CODE_PATTERN.test(cf) || fiscalCodeCheck(cf.slice(0, 15)) !== cf[15]) {
        badFiscalCodes.push(cf);
      }
      if (f[S.stato] === 'RICEVUTO') {
        ibans.push(f[S.iban]);
      }
    });
  }
  expect([...modes]).toEqual(['DIRETTO']);
  expect(badFiscalCodes).toEqual([]);
  expect(ibans.length).toBeGreaterThan(0);
  expect(ibans.filter((i) => !/^IT\d{2}[A-Z]\d{22}$/.test(i) || !ibanChecks(i))).toEqual([]);
  expect(cigdNotDirect).toBe(0);
});

test('--dirty mixes in every kind of bad row, each breaking the rule it is named after', async () => {
  const out = join(work, 'dirty');
  const result = seed('dirty', { from: '2020-09-30', to: '2020-10-03', dirty: 0.05 });
  const kinds = new Set([...Object.keys(APPLICATION_FAULTS), ...Object.keys(SR41_FAULTS)]);
  expect(new Set(Object.keys(result.badRows))).toEqual(kinds);
  const { byReason } = await checkRows(out);
  const made = Object.values(result.badRows).reduce((a, b) => a + b, 0);
  const rejected = Object.entries(byReason).filter(([r]) => r !== '');
  expect(new Set(rejected.map(([r]) => r))).toEqual(kinds);
  expect(rejected.reduce((n, [, c]) => n + c, 0)).toBe(made);
  // The clean part is untouched by the bad rows: same rows as without --dirty.
  const clean = await checkRows(join(work, 'clean'));
  expect(byReason['']).toBe(clean.byReason['']);
});

test('the tally: presented − cancelled = authorised + rejected + open, and matches a plain recount', async () => {
  const out = join(work, 'clean');
  const folders = folderNames(out).map((n) => join(out, n));
  const tally = await tallyFolders(folders, ['2020-10-03']);
  const [day] = tally.days;
  expect(day.presentate - day.annullate).toBe(day.byState.AUTORIZZATA + day.byState.RESPINTA + openApplications(day));
  // Plain recount: the last row of each application is its state at the last day.
  const last = new Map<string, string>();
  let sr41Paid = 0;
  for (const f of folders) {
    await readExtractFile(join(f, APPLICATIONS_FILE), APPLICATION_COLUMNS, (r) => last.set(r[A.protocollo], r[A.stato]));
    await readExtractFile(join(f, SR41_FILE), SR41_COLUMNS, (r) => (sr41Paid += r[S.stato] === 'PAGATO' ? 1 : 0));
  }
  const count = (s: string) => [...last.values()].filter((v) => v === s).length;
  expect(day.byState.AUTORIZZATA).toBe(count('AUTORIZZATA'));
  expect(day.byState.RESPINTA).toBe(count('RESPINTA'));
  expect(openApplications(day)).toBe(count('PRESENTATA') + count('IN_ISTRUTTORIA'));
  expect(day.presentate).toBe(last.size);
  expect(day.sr41Paid).toBe(sr41Paid);
});

test('applications follow the weekday rhythm: weekends are quiet', async () => {
  const out = join(work, 'clean');
  const perWeekday = new Array(7).fill(0);
  await readExtractFile(join(out, '2020-09-30', APPLICATIONS_FILE), APPLICATION_COLUMNS, (f) => {
    if (f[A.stato] === 'PRESENTATA') {
      perWeekday[new Date(`${f[A.data_presentazione]}T00:00:00Z`).getUTCDay()]++;
    }
  });
  const weekend = perWeekday[0] + perWeekday[6];
  const weekdays = perWeekday.slice(1, 6).reduce((a, b) => a + b, 0);
  expect(weekend * 10).toBeLessThan(weekdays);
});

test('bad options are refused with a sentence naming the option', () => {
  expect(() => seed('x', { from: '2019-12-31' })).toThrow('--from 2019-12-31 is before the start');
  expect(() => seed('x', { to: '2020-04-01' })).toThrow('--to 2020-04-01 is before --from 2020-04-30');
  expect(() => seed('x', { dirty: 1.5 })).toThrow('--dirty must be a share');
});

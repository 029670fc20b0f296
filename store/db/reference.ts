import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Queryable } from './database';

const REFERENCE_DIR = join(__dirname, '..', 'reference');

export interface Office {
  code: string;
  name: string;
  province: string;
  regionCode: string;
  kind: string;
}
export interface Region {
  code: string;
  name: string;
}

function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(join(REFERENCE_DIR, file), 'utf8'), { columns: true, skip_empty_lines: true });
}

/** The 20 regions, from the reference file shipped with the store. */
export function readRegions(): Region[] {
  return readCsv('regioni.csv').map((r) => ({ code: r.regione, name: r.nome }));
}

/** The INPS offices (sedi), from the reference file shipped with the store. */
export function readOffices(): Office[] {
  return readCsv('sedi.csv').map((r) => ({
    code: r.sede,
    name: r.nome,
    province: r.provincia,
    regionCode: r.regione,
    kind: r.tipo,
  }));
}

/** Inserts regions and offices that are missing; existing rows are brought up to date. */
export async function loadReferenceData(tx: Queryable): Promise<void> {
  for (const r of readRegions()) {
    await tx.query(
      'INSERT INTO region (region_code, name) VALUES ($1, $2) ON CONFLICT (region_code) DO UPDATE SET name = EXCLUDED.name',
      [r.code, r.name]
    );
  }
  for (const o of readOffices()) {
    await tx.query(
      `INSERT INTO office (office_code, name, province, region_code, kind) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (office_code) DO UPDATE SET name = EXCLUDED.name, province = EXCLUDED.province,
         region_code = EXCLUDED.region_code, kind = EXCLUDED.kind`,
      [o.code, o.name, o.province, o.regionCode, o.kind]
    );
  }
}

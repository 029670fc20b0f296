/**
 * The checks of an SR41 row that need its application (EXTRACT.md): known to the store or in
 * this extract, authorised on or before data_ricezione, competenza within its period. Run after
 * the folder's applications are saved, so "the same extract" counts.
 */
import type { Queryable } from '../db/database';
import { lookedUp } from '../db/lookedUp';
import { CopyWriter } from './copyWriter';
import { rejection, type Rejection } from './reasons';
import { SR41_SUBJECT } from './subjects';

interface Failure {
  line: number;
  application_id: string;
  received_on: string;
  period_month: string;
  period_from: string | null;
  period_to: string | null;
  code: 'DOMANDA_SCONOSCIUTA' | 'DOMANDA_NON_AUTORIZZATA' | 'COMPETENZA_FUORI_PERIODO';
}

/**
 * The staged SR41's applications, as `a`: period and first authorisation. In an empty store (the
 * history load) every application was just saved and application_event has no index yet
 * (factIndexes.ts): both are hashed whole. Otherwise a folder names a sliver of the stored
 * applications: each is looked up alone through its key's index (lookedUp; the first authorisation
 * likewise), in the keys' order, so that neighbouring lookups read the same index pages.
 */
function stagedApplicationsSql(emptyStore: boolean): string {
  return emptyStore
    ? `WITH au AS (
         SELECT application_id, min(state_on) AS first_authorised FROM application_event
          WHERE state = 'AUTORIZZATA' AND application_id IN (SELECT application_id FROM stage_sr41)
          GROUP BY application_id),
       a AS (
         SELECT ap.application_id, ap.period_from, ap.period_to, au.first_authorised
           FROM application ap LEFT JOIN au ON au.application_id = ap.application_id)`
    : `WITH a AS (
         SELECT x.application_id, x.period_from, x.period_to,
                (SELECT min(e.state_on) FROM application_event e
                  WHERE e.application_id = x.application_id AND e.state = 'AUTORIZZATA') AS first_authorised
           FROM (SELECT application_id FROM stage_sr41 GROUP BY application_id ORDER BY application_id COLLATE "C") k
           CROSS JOIN LATERAL ${lookedUp('application', 'application_id', 'k.application_id')} x)`;
}

export async function checkSr41Applications(tx: Queryable, emptyStore: boolean, onReject: (line: number, r: Rejection) => void): Promise<void> {
  const outside = `s.period_month < date_trunc('month', a.period_from)::date OR s.period_month > a.period_to`;
  const unauthorised = 'a.first_authorised IS NULL OR a.first_authorised > s.received_on';
  const failures = await tx.query<Failure>(
    `${stagedApplicationsSql(emptyStore)}
     SELECT s.line, s.application_id, s.received_on, s.period_month, a.period_from, a.period_to,
            CASE WHEN a.application_id IS NULL THEN 'DOMANDA_SCONOSCIUTA'
                 WHEN ${unauthorised} THEN 'DOMANDA_NON_AUTORIZZATA'
                 ELSE 'COMPETENZA_FUORI_PERIODO' END AS code
       FROM stage_sr41 s
       LEFT JOIN a ON a.application_id = s.application_id
      WHERE a.application_id IS NULL OR ${unauthorised} OR ${outside}`
  );
  const marks = new CopyWriter(tx, 'stage_outcome', ['file_name', 'line', 'outcome']);
  for (const f of failures) {
    const month = f.period_month.slice(0, 7);
    onReject(
      f.line,
      f.code === 'DOMANDA_SCONOSCIUTA'
        ? rejection(f.code, { value: f.application_id })
        : f.code === 'DOMANDA_NON_AUTORIZZATA'
          ? rejection(f.code, { value: f.application_id, other: f.received_on })
          : rejection(f.code, { value: month, other: f.application_id, from: f.period_from!, to: f.period_to! })
    );
    await marks.add([SR41_SUBJECT.file, String(f.line), 'REJECTED']);
  }
  await marks.close();
}

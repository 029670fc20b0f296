/**
 * Annotations for the dashboards' time axis: normative milestones (migration 030) and load
 * events, i.e. days without an extract and refused folders. Texts are Italian: panels show them.
 */
import { romeDayStartMs } from '../../../src/model/calendar';
import type { Queryable } from '../../db/database';
import type { Annotations } from '../schemas';

export async function annotationsBetween(db: Queryable, from: string, to: string): Promise<Annotations> {
  const rows = await db.query<{ day: string; kind: string; title: string; message: string | null }>(
    `SELECT milestone_on::text AS day, 'normativa' AS kind, title, NULL AS message
       FROM normative_milestone WHERE milestone_on BETWEEN $1::date AND $2::date
     UNION ALL
     SELECT gap_date::text, 'lacuna', 'Dati mancanti', NULL
       FROM data_gap WHERE gap_date BETWEEN $1::date AND $2::date
     UNION ALL
     SELECT reference_date::text, 'rifiutato', 'Caricamento rifiutato', message
       FROM load_run WHERE outcome = 'RIFIUTATO' AND reference_date BETWEEN $1::date AND $2::date
     ORDER BY 1, 2`,
    [from, to]
  );
  return rows.map((r) => {
    switch (r.kind) {
      case 'normativa':
        return { time: romeDayStartMs(r.day), title: r.title, text: r.title, tags: ['normativa'] };
      case 'lacuna':
        return {
          time: romeDayStartMs(r.day),
          title: r.title,
          text: `Nessun estratto per il ${r.day}: il giorno è stato saltato nel caricamento.`,
          tags: ['caricamento', 'lacuna'],
        };
      default:
        return {
          time: romeDayStartMs(r.day),
          title: r.title,
          text: `Estratto del ${r.day} rifiutato${r.message ? `: ${r.message}` : '.'}`,
          tags: ['caricamento', 'rifiutato'],
        };
    }
  });
}

/**
 * The first load into an empty store (the national history: tens of millions of rows) is much
 * faster when the fact tables' indexes are built once from the loaded rows than kept up to date
 * row by row. Inside the folder's transaction the indexes are dropped and built again before the
 * rollups run: a failed load rolls the drop back with everything else, so the promise "all or
 * nothing" holds. Indexes a foreign key depends on stay.
 */
import type { Queryable } from '../db/database';

const FACT_TABLES = ['application', 'application_event', 'sr41', 'sr41_event'];

interface FactIndex {
  table_name: string;
  index_name: string;
  definition: string;
  constraint_name: string | null;
  constraint_definition: string | null;
}

/** True when no application and no SR41 is stored yet (events need their item). */
export async function storeIsEmpty(tx: Queryable): Promise<boolean> {
  const [row] = await tx.query<{ empty: boolean }>(
    'SELECT NOT EXISTS (SELECT 1 FROM application) AND NOT EXISTS (SELECT 1 FROM sr41) AS empty'
  );
  return row.empty;
}

/** Drops the fact tables' indexes; the returned function builds them again, as they were. */
export async function setFactIndexesAside(tx: Queryable): Promise<() => Promise<void>> {
  const indexes = await tx.query<FactIndex>(
    `SELECT t.relname AS table_name, i.relname AS index_name, pg_get_indexdef(i.oid) AS definition,
            c.conname AS constraint_name, pg_get_constraintdef(c.oid) AS constraint_definition
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       LEFT JOIN pg_constraint c ON c.conindid = i.oid AND c.conrelid = t.oid AND c.contype IN ('p', 'u')
      WHERE t.relname = ANY($1::text[]) AND pg_table_is_visible(t.oid)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = i.oid)
      ORDER BY t.relname, i.relname`,
    [`{${FACT_TABLES.join(',')}}`]
  );
  for (const ix of indexes) {
    await tx.query(
      ix.constraint_name
        ? `ALTER TABLE ${ix.table_name} DROP CONSTRAINT ${ix.constraint_name}`
        : `DROP INDEX ${ix.index_name}`
    );
  }
  return async () => {
    for (const ix of indexes) {
      await tx.query(
        ix.constraint_name
          ? `ALTER TABLE ${ix.table_name} ADD CONSTRAINT ${ix.constraint_name} ${ix.constraint_definition}`
          : ix.definition
      );
    }
    // Fresh statistics for the rollups that read these tables next.
    for (const table of FACT_TABLES) {await tx.query(`ANALYZE ${table}`);}
  };
}

/**
 * The rows of `table` whose `column` equals `outer` (a column of the query around it), looked up
 * alone through the column's index: a FROM item for a LATERAL join. OFFSET 0 keeps the planner
 * from turning the lookups into a join that hashes or scans the whole table, which grows with
 * the store, when the keys looked up (a nightly folder's) are a sliver of it.
 */
export const lookedUp = (table: string, column: string, outer: string): string =>
  `(SELECT * FROM ${table} x WHERE x.${column} = ${outer} OFFSET 0)`;

/** A table and its alias in a FROM list. */
export interface Aliased {
  table: string;
  alias: string;
}

/**
 * The join of the item `item` to the rows aliased `rowsAlias` by the item's key (a column of both).
 * `lookUp`: each item looked up alone by key (lookedUp), for the rows of a night or two; otherwise
 * a join the planner chooses. Left to itself with the 141,022 SR41 payments of two national days,
 * the planner had hashed them against a scan of all 30.7 million SR41.
 */
export const keyJoin = (rowsAlias: string, item: Aliased & { key: string }, lookUp: boolean): string =>
  lookUp
    ? `CROSS JOIN LATERAL ${lookedUp(item.table, item.key, `${rowsAlias}.${item.key}`)} ${item.alias}`
    : `JOIN ${item.table} ${item.alias} ON ${item.alias}.${item.key} = ${rowsAlias}.${item.key}`;

/** The FROM list of the rows `rows` joined to their items `item` by the item's key (keyJoin). */
export const joinedByKey = (rows: Aliased, item: Aliased & { key: string }, lookUp: boolean): string =>
  `${rows.table} ${rows.alias} ${keyJoin(rows.alias, item, lookUp)}`;

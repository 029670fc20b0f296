/**
 * The rows of `table` whose `column` equals `outer` (a column of the query around it), looked up
 * alone through the column's index: a FROM item for a LATERAL join. OFFSET 0 keeps the planner
 * from turning the lookups into a join that hashes or scans the whole table, which grows with
 * the store, when the keys looked up (a nightly folder's) are a sliver of it.
 */
export const lookedUp = (table: string, column: string, outer: string): string =>
  `(SELECT * FROM ${table} x WHERE x.${column} = ${outer} OFFSET 0)`;

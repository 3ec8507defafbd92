/**
 * Query modules (`<feature>/queries.ts`) hold all SQL, named one way:
 * - `fooStatement(db, …)` / `fooStatements(db, …)` build prepared statements for the caller to run
 *   or put in a `db.batch` (writes always, reads when they join a batch);
 * - `getFoo` returns one thing (or throws/defaults), `findFoo` one row or null, `listFoo` an array,
 *   `countFoo` a number; readers run their statement themselves.
 * Multi-step processes (`<feature>/process.ts` and the like) call them; routes call processes.
 */

/** The rows of one statement's result in a `db.batch`, typed by the caller's query. */
export function rows<T>(result: D1Result<unknown> | undefined): T[] {
  return (result?.results ?? []) as T[];
}

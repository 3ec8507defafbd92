/** The rows of one statement's result in a `db.batch`, typed by the caller's query. */
export function rows<T>(result: D1Result<unknown> | undefined): T[] {
  return (result?.results ?? []) as T[];
}

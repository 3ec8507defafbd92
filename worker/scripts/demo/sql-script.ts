/**
 * A recording D1: the app's statement builders prepare and bind against it as against the real
 * binding, and it renders what they built as one SQL script with the parameters inlined, for
 * `wrangler d1 execute --file` (local or remote). It can only record: reads need a database.
 * Pure (no Node APIs), so tests can use it anywhere.
 */

export type SqlValue = string | number | boolean | null;

/** An SQL literal; strings are single-quoted with embedded quotes doubled, booleans are 1/0. */
export function sqlLiteral(value: SqlValue): string {
  if (value === null) return "NULL";
  if (typeof value === "boolean") return value ? "1" : "0";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} as SQL`);
    return String(value);
  }
  // SQLite ends a string at NUL; refusing it beats silently truncating a name.
  if (value.includes("\u0000")) throw new Error("Text must not contain NUL characters");
  return `'${value.replaceAll("'", "''")}'`;
}

/** The literal of a bound value, refusing what D1 itself would refuse to bind. */
function boundLiteral(value: unknown, index: number): string {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    return sqlLiteral(value);
  }
  throw new Error(`Parameter ?${index} is ${value === undefined ? "undefined" : typeof value}, which D1 cannot bind`);
}

/**
 * `sql` with its `?` and `?NNN` placeholders replaced by `params` as literals. Placeholders inside
 * quoted strings, quoted identifiers and comments are left alone; a bare `?` takes the number after
 * the largest used so far, as SQLite numbers them.
 */
export function inlineParams(sql: string, params: readonly unknown[]): string {
  let out = "";
  let largest = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] as string;
    const quote = c === "'" || c === '"' || c === "`" ? c : c === "[" ? "]" : null;
    if (quote) {
      // A doubled quote inside is an escaped quote, which this loop reads as end-and-restart.
      const end = sql.indexOf(quote, i + 1);
      if (end < 0) throw new Error(`Unterminated ${c} in SQL: ${sql.slice(i, i + 40)}`);
      out += sql.slice(i, end + 1);
      i = end + 1;
    } else if (sql.startsWith("--", i)) {
      const end = sql.indexOf("\n", i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else if (sql.startsWith("/*", i)) {
      const end = sql.indexOf("*/", i + 2);
      const stop = end < 0 ? sql.length : end + 2;
      out += sql.slice(i, stop);
      i = stop;
    } else if (c === "?") {
      const digits = /^\d*/.exec(sql.slice(i + 1))?.[0] ?? "";
      const n = digits ? Number(digits) : largest + 1;
      if (n < 1 || n > params.length) {
        throw new Error(`Placeholder ?${n} has no parameter (${params.length} bound) in: ${sql.trim().slice(0, 80)}`);
      }
      largest = Math.max(largest, n);
      out += boundLiteral(params[n - 1], n);
      i += 1 + digits.length;
    } else if ((c === ":" || c === "@" || c === "$") && /[A-Za-z_]/.test(sql[i + 1] ?? "")) {
      throw new Error(`Named parameters (${c}name) are not supported: ${sql.trim().slice(0, 80)}`);
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** A prepared statement that only remembers its SQL and parameters. */
class RecordedStatement {
  constructor(
    readonly sql: string,
    readonly params: readonly unknown[] = [],
  ) {}

  bind(...params: unknown[]): RecordedStatement {
    return new RecordedStatement(this.sql, params);
  }

  /** The statement as SQL text with its parameters inlined. */
  render(): string {
    return `${inlineParams(this.sql.trim(), this.params).replace(/;\s*$/, "")};`;
  }

  first(): never {
    return cannotRead();
  }
  all(): never {
    return cannotRead();
  }
  run(): never {
    return cannotRead();
  }
  raw(): never {
    return cannotRead();
  }
}

function cannotRead(): never {
  throw new Error("A recording D1 only records statements; it cannot run them");
}

/**
 * Statements in the order they will run. `db` is what the builders take; add() what they return.
 * One script runs as one `wrangler d1 execute --file`: all of it or none.
 */
export class SqlScript {
  private readonly statements: RecordedStatement[] = [];

  /** Typed as D1Database because the builders take one; only prepare().bind() is implemented. */
  readonly db = {
    prepare: (sql: string) => new RecordedStatement(sql),
    batch: cannotRead,
    exec: cannotRead,
    dump: cannotRead,
    withSession: cannotRead,
  } as unknown as D1Database;

  /** Appends statements built against `db`. */
  add(...statements: readonly D1PreparedStatement[]): this {
    for (const s of statements) {
      if (!(s instanceof RecordedStatement))
        throw new Error("Only statements prepared on this script's db can be added");
      this.statements.push(s);
    }
    return this;
  }

  get length(): number {
    return this.statements.length;
  }

  /** The whole script, one statement per paragraph. */
  render(): string {
    return this.statements.map((s) => `${s.render()}\n`).join("");
  }
}

/**
 * D1 fails now and then with transient errors (a lost connection, an overloaded or reset
 * database). Reads and idempotent writes are retried with exponential backoff and full jitter;
 * anything still failing becomes 503 with Retry-After (see http/on-error.ts).
 */
const TRANSIENT =
  /network connection lost|overloaded|too many requests queued|transient|object to be reset|reset because its code was updated|internal error|temporarily unavailable|timed? ?out/i;

export function isTransient(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (/constraint|SQLITE_CONSTRAINT|syntax error|no such/i.test(err.message)) return false;
  return TRANSIENT.test(err.message);
}

interface RetryOptions {
  attempts?: number;
  baseMs?: number;
  sleep?: (ms: number) => Promise<unknown>;
  random?: () => number;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `fn`, retrying transient failures: delay = random × base × 2^attempt ("full jitter"). */
export async function withRetry<T>(fn: () => Promise<T>, o: RetryOptions = {}): Promise<T> {
  const attempts = o.attempts ?? 4;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt + 1 >= attempts || !isTransient(err)) throw err;
      await (o.sleep ?? wait)((o.random ?? Math.random)() * (o.baseMs ?? 40) * 2 ** attempt);
    }
  }
}

const READS = new Set(["first", "all", "raw"]);

/**
 * A D1 binding whose reads retry on transient errors — single statements and batches made only
 * of SELECTs; writes retry only through `withRetry`, where the caller knows they are idempotent.
 */
export function resilientReads(db: D1Database, o: RetryOptions = {}): D1Database {
  const originals = new WeakMap<object, { statement: D1PreparedStatement; readOnly: boolean }>();
  const wrap = (statement: D1PreparedStatement, readOnly: boolean): D1PreparedStatement => {
    const proxy = new Proxy(statement, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target);
        if (prop === "bind") return (...args: unknown[]) => wrap(target.bind(...args), readOnly);
        if (typeof prop === "string" && READS.has(prop) && typeof value === "function") {
          return (...args: unknown[]) => withRetry(() => value.apply(target, args), o);
        }
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    originals.set(proxy, { statement, readOnly });
    return proxy;
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop === "prepare") return (sql: string) => wrap(target.prepare(sql), /^\s*SELECT\b/i.test(sql));
      if (prop === "batch") {
        return (statements: D1PreparedStatement[]) => {
          const real = statements.map((s) => originals.get(s)?.statement ?? s);
          const readOnly = statements.every((s) => originals.get(s)?.readOnly === true);
          return readOnly ? withRetry(() => target.batch(real), o) : target.batch(real);
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

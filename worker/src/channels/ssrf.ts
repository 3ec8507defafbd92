/**
 * Where a channel may post (SSRF guard). A channel URL comes from a person, and the Worker fetches
 * it: it must not become a way to reach addresses that are not the public internet. Deployed, only
 * `https:` to a host that is not a private, loopback, link-local or otherwise special address (in
 * any spelling: the WHATWG URL parser turns decimal, hex, octal and short IPv4 forms into dotted
 * quads and compresses IPv6, and the checks below read what it produced). Locally (`npm start`'s
 * demo inbox) loopback may be allowed, over http too.
 *
 * A public name that resolves to a private address cannot be seen from here (Workers resolve names
 * inside fetch); Cloudflare's edge does not route Workers' subrequests into private networks, and
 * redirects are never followed (see delivery.ts), so the check is made on every send as well.
 */

export type TargetCheck = { ok: true; url: URL } | { ok: false; reason: string };

const MAX_URL = 2048;

/** IPv4 ranges that are not the public internet (RFC 6890 special-purpose registry). */
const V4_BLOCKED: readonly (readonly [number, number])[] = [
  [0x00000000, 8], // "this network"
  [0x0a000000, 8], // private
  [0x64400000, 10], // carrier-grade NAT
  [0x7f000000, 8], // loopback
  [0xa9fe0000, 16], // link-local (cloud metadata lives here)
  [0xac100000, 12], // private
  [0xc0000000, 24], // IETF protocol assignments
  [0xc0000200, 24], // documentation
  [0xc0586300, 24], // 6to4 relay anycast
  [0xc0a80000, 16], // private
  [0xc6120000, 15], // benchmarking
  [0xc6336400, 24], // documentation
  [0xcb007100, 24], // documentation
  [0xe0000000, 4], // multicast
  [0xf0000000, 4], // reserved and broadcast
];

const inV4 = (ip: number, [base, bits]: readonly [number, number]) =>
  bits === 0 || ip >>> (32 - bits) === base >>> (32 - bits);

/** A dotted quad as a 32-bit number, or null. */
export function parseIPv4(host: string): number | null {
  const parts = host.split(".");
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = n * 256 + Number(p);
  }
  return n;
}

/** An IPv6 address (without brackets) as eight 16-bit groups, or null. */
export function parseIPv6(host: string): number[] | null {
  let text = host.toLowerCase().replace(/%.*$/, "");
  // A dotted IPv4 tail (::ffff:127.0.0.1) becomes its two hex groups.
  const lastColon = text.lastIndexOf(":");
  const dotted = text.slice(lastColon + 1);
  if (dotted.includes(".")) {
    const v4 = parseIPv4(dotted);
    if (v4 === null) return null;
    text = `${text.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const groups = (s: string) => (s === "" ? [] : s.split(":"));
  const head = groups(halves[0] ?? "");
  const rest = halves.length === 2 ? groups(halves[1] ?? "") : [];
  if (![...head, ...rest].every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  const known = head.length + rest.length;
  if (halves.length === 1 ? known !== 8 : known > 7) return null;
  const parse = (g: string) => Number.parseInt(g, 16);
  return [...head.map(parse), ...Array<number>(8 - known).fill(0), ...rest.map(parse)];
}

const v4Of = (g: number[]) => (((g[6] ?? 0) << 16) | (g[7] ?? 0)) >>> 0;

/** Whether an IPv4 address is loopback (127/8). */
const isLoopbackV4 = (ip: number) => ip >>> 24 === 127;

/** Why an IPv4 address may not be posted to, or null when it is public. */
function v4Problem(ip: number, allowLoopback: boolean): string | null {
  if (allowLoopback && isLoopbackV4(ip)) return null;
  return V4_BLOCKED.some((r) => inV4(ip, r)) ? "a private, loopback or reserved address" : null;
}

/** Why an IPv6 address may not be posted to, or null when it is public. */
function v6Problem(g: number[], allowLoopback: boolean): string | null {
  const [a = 0, b = 0] = g;
  const firstSixZero = g.slice(0, 6).every((x) => x === 0);
  const isLoopback = firstSixZero && g[6] === 0 && g[7] === 1;
  if (isLoopback) return allowLoopback ? null : "a loopback address";
  // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible) and 64:ff9b::a.b.c.d (NAT64) reach IPv4.
  const mapped = g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff;
  const nat64 = a === 0x64 && b === 0xff9b && g.slice(2, 6).every((x) => x === 0);
  if (mapped || nat64 || firstSixZero)
    return v4Problem(v4Of(g), allowLoopback) ?? (firstSixZero ? "a reserved address" : null);
  if ((a & 0xfe00) === 0xfc00) return "a private (unique local) address";
  if ((a & 0xffc0) === 0xfe80 || (a & 0xffc0) === 0xfec0) return "a link-local address";
  if ((a & 0xff00) === 0xff00) return "a multicast address";
  if (a === 0x2001 && b === 0x0db8) return "a documentation address";
  if (a === 0x0100 && g.slice(1, 4).every((x) => x === 0)) return "a discard address";
  if (a === 0x2002) return "a 6to4 address";
  return null;
}

const LOCAL_NAMES = /(^|\.)(localhost|local|internal|intranet|lan|home|corp|home\.arpa|localdomain)$/;

/** Whether a URL's host is the machine itself (for local mode). */
function isLoopbackHost(host: string): boolean {
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  const v4 = parseIPv4(host);
  if (v4 !== null) return isLoopbackV4(v4);
  const v6 = host.startsWith("[") ? parseIPv6(host.slice(1, -1)) : null;
  if (!v6) return false;
  return v6.slice(0, 7).every((x) => x === 0) && v6[7] === 1;
}

/**
 * Checks a channel URL. `allowLoopback` is local mode: loopback hosts (127/8, [::1], localhost)
 * are allowed, over http too; everything else stays as strict as deployed.
 */
export function checkTarget(raw: string, o: { allowLoopback: boolean }): TargetCheck {
  if (raw.length > MAX_URL) return { ok: false, reason: `must be at most ${MAX_URL} characters` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "must be a URL" };
  }
  if (url.username || url.password) return { ok: false, reason: "must not carry a user name or password" };
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  const loopback = o.allowLoopback && isLoopbackHost(host);
  if (url.protocol !== "https:" && !(loopback && url.protocol === "http:")) {
    return { ok: false, reason: "must be an https: URL" };
  }
  if (loopback) return { ok: true, url };
  if (host.startsWith("[")) {
    const g = parseIPv6(host.slice(1, -1));
    const problem = g ? v6Problem(g, false) : "an unreadable IPv6 address";
    return problem ? { ok: false, reason: `must not point to ${problem}` } : { ok: true, url };
  }
  const v4 = parseIPv4(host);
  if (v4 !== null) {
    const problem = v4Problem(v4, false);
    return problem ? { ok: false, reason: `must not point to ${problem}` } : { ok: true, url };
  }
  // Names: one label (an intranet short name) or a local-only suffix never reach the internet.
  if (!host.includes(".") || LOCAL_NAMES.test(host)) {
    return { ok: false, reason: "must name a public host (not localhost or a local network name)" };
  }
  // The parser leaves all-numeric names it could not read as an address (e.g. 999.1.1.1) as names.
  if (/^[\d.]+$/.test(host) || /^0x/i.test(host)) return { ok: false, reason: "must name a public host" };
  return { ok: true, url };
}

/** "hooks.slack.com/…x9Qz": the host and the URL's last four characters, to recognise a channel by. */
export function targetHint(url: URL): string {
  const tail = (url.pathname + url.search).replace(/\/+$/, "");
  return `${url.host}/…${tail.slice(-4)}`;
}

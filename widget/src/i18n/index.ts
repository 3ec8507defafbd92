/**
 * Strings and formats. English is bundled; other catalogs are JSON files built next to the embed
 * script and fetched with their SRI hash, so a German page costs one small, immutable request.
 */
import { en, type Strings } from "./en";

export {
  en,
  enPrinciples,
  enProblems,
  enResults,
  type PrinciplesStrings,
  type Problem,
  type ProblemStrings,
  type ResultsStrings,
  type Strings,
} from "./en";

/** A built catalog: its file (relative to the embed script) and its SRI hash. */
export interface CatalogFile {
  file: string;
  integrity: string;
}

/** The language to use: the element's `lang`, else the page's `<html lang>`, as a primary subtag. */
export function resolveLang(attribute: string | null, doc: Pick<Document, "documentElement"> = document): string {
  const tag = attribute || doc.documentElement.lang || "en";
  return tag.split("-")[0]?.toLowerCase() || "en";
}

/** The catalog for `lang`: English at once, a built catalog (fetched, integrity-checked), else English. */
export async function loadStrings(
  lang: string,
  catalogs: Record<string, CatalogFile>,
  base: string,
  fetchFn: typeof fetch = fetch,
): Promise<Strings> {
  const catalog = catalogs[lang];
  // Keys a catalog lacks fall back to English rather than showing nothing.
  return catalog
    ? fetchFn(new URL(catalog.file, base).href, { integrity: catalog.integrity })
        .then(async (res) => ({ ...en, ...(await res.json()) }))
        .catch(() => en)
    : en;
}

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (all, name: string) => String(values[name] ?? all));
}

/** A count's wordings by plural category (Intl.PluralRules: "one", "other", …); `other` is always there. */
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** A count in words by the language's plural rules ("1 person", "2 people"); `{n}` is the count, formatted. */
export function plural(lang: string, forms: Plural, n: number): string {
  return fill(forms[new Intl.PluralRules(lang).select(n)] ?? forms.other, { n: formatCount(lang, n) });
}

/** A score or gap with one decimal, in the reader's convention ("3.8", "3,8"). */
export function formatScore(lang: string, value: number): string {
  return new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}

/** A whole number ("1,234", "1.234"). */
export function formatCount(lang: string, value: number): string {
  return new Intl.NumberFormat(lang).format(value);
}

/** A day ("15 December", "15. Dezember"); `year` adds the year ("15 December 2025"). */
export function formatDay(lang: string, iso: string, year?: boolean): string {
  return new Intl.DateTimeFormat(lang, { day: "numeric", month: "long", ...(year ? { year: "numeric" } : {}) }).format(
    new Date(iso),
  );
}

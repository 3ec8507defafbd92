/**
 * Counts in words through Intl.PluralRules, in English and German, in the widget's and the
 * extension's catalogues: "1 person responded" / "2 people responded", "1 Person" / "2 Personen".
 */
import { describe, expect, it } from "vitest";
import { de as extensionDe } from "../../../extension/utils/i18n/de";
import { en as extensionEn } from "../../../extension/utils/i18n/en";
import { resolveLanguage } from "../../../extension/utils/i18n/index";
import { enPrinciples, enProblems, enResults, type Plural, plural, en as widgetEn } from "../../../widget/src/i18n";
import { de as widgetDe } from "../../../widget/src/i18n/de";

const CATALOGUES = {
  "widget en": ["en", enResults],
  "widget de": ["de", widgetDe],
  "extension en": ["en", extensionEn],
  "extension de": ["de", extensionDe],
} as const;

/** Every plural entry of a catalogue (an object with an `other` form), by its path. */
function pluralsIn(value: unknown, path = ""): [string, Plural][] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [];
  if (typeof (value as { other?: unknown }).other === "string") return [[path, value as Plural]];
  return Object.entries(value).flatMap(([key, v]) => pluralsIn(v, path ? `${path}.${key}` : key));
}

describe("plural rules", () => {
  it("says 1 person / 2 people in English and 1 Person / 2 Personen in German (widget results)", () => {
    expect(plural("en", enResults.responded, 1)).toBe("1 person responded");
    expect(plural("en", enResults.responded, 2)).toBe("2 people responded");
    expect(plural("de", widgetDe.responded, 1)).toBe("1 Person hat geantwortet");
    expect(plural("de", widgetDe.responded, 2)).toBe("2 Personen haben geantwortet");
    // Zero takes the plural in both languages, and the count is written in the reader's convention.
    expect(plural("en", enResults.responded, 0)).toBe("0 people responded");
    expect(plural("en", enResults.responded, 1234)).toBe("1,234 people responded");
    expect(plural("de", widgetDe.responded, 1234)).toBe("1.234 Personen haben geantwortet");
  });

  it("counts the ratings waiting on the toolbar button in both languages (extension)", () => {
    expect(plural("en", extensionEn.badge, 1)).toBe("Accord: 1 rating waiting for you");
    expect(plural("en", extensionEn.badge, 2)).toBe("Accord: 2 ratings waiting for you");
    expect(plural("de", extensionDe.badge, 1)).toBe("Accord: 1 Bewertung wartet auf Sie");
    expect(plural("de", extensionDe.badge, 2)).toBe("Accord: 2 Bewertungen warten auf Sie");
  });

  it("gives every counted phrase a singular that differs from its plural (no '1 people')", () => {
    for (const [name, [lang, catalogue]] of Object.entries(CATALOGUES)) {
      const entries = pluralsIn(catalogue);
      expect(entries.length, name).toBeGreaterThan(0);
      const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      for (const [path, forms] of entries) {
        // Only categories the language has: a form under another key would never be shown.
        for (const key of Object.keys(forms)) expect(categories, `${name} ${path}`).toContain(key);
        const one = plural(lang, forms, 1).replace("1", "#");
        const two = plural(lang, forms, 2).replace("2", "#");
        expect(one, `${name} ${path}`).not.toBe(two);
      }
    }
  });

  it("has German words for every English key, plural forms included", () => {
    const shape = (value: unknown): unknown =>
      typeof value === "object" && value !== null && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]))
        : Array.isArray(value)
          ? value.length
          : typeof value;
    expect(shape(extensionDe)).toEqual(shape(extensionEn));
    // The widget's English comes in parts (the embed script's, and those of files loaded on demand).
    const widgetEnglish = {
      ...widgetEn,
      ...enResults,
      ...enPrinciples,
      problems: { ...widgetEn.problems, ...enProblems },
    };
    expect(shape(widgetDe)).toEqual(shape(widgetEnglish));
  });
});

describe("the extension's language", () => {
  it("is the person's choice, else the first of the browser's languages it speaks, else English", () => {
    expect(resolveLanguage("de", ["en-US"])).toBe("de");
    expect(resolveLanguage("en", ["de-DE"])).toBe("en");
    expect(resolveLanguage(null, ["de-AT", "en"])).toBe("de");
    expect(resolveLanguage(null, ["fr-FR", "de"])).toBe("de");
    expect(resolveLanguage(null, ["fr-FR", "it"])).toBe("en");
    expect(resolveLanguage(null, [])).toBe("en");
  });
});

/**
 * The console's words and formats in English and German: counts through Intl.PluralRules, one date
 * style per language, numbers in the reader's convention, the language chosen from the browser, and
 * API validation messages in the form's words instead of internal field paths.
 */
import { describe, expect, it } from "vitest";
import { de } from "../../widget/src/console/i18n/de";
import { en } from "../../widget/src/console/i18n/en";
import { humanMessage } from "../../widget/src/console/i18n/field-errors";
import {
  count,
  decimal,
  formatDate,
  formatDateTime,
  plural,
  resolveLanguage,
  signedDecimal,
} from "../../widget/src/console/i18n/index";

/** Every key path of a catalogue (arrays and plural forms count as leaves of their own). */
function paths(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => paths(v, prefix ? `${prefix}.${k}` : k));
}

describe("console plurals and formats", () => {
  it("says 1 person and 2 people, 1 Person and 2 Personen, through the plural rules", () => {
    expect(plural(en.counts.person, 1, {}, "en-GB")).toBe("1 person");
    expect(plural(en.counts.person, 2, {}, "en-GB")).toBe("2 people");
    expect(plural(en.counts.person, 0, {}, "en-GB")).toBe("0 people");
    expect(plural(de.counts.person, 1, {}, "de-DE")).toBe("1 Person");
    expect(plural(de.counts.person, 2, {}, "de-DE")).toBe("2 Personen");
    expect(plural(en.common.fewerThan, 1, {}, "en-GB")).toBe("fewer than 1 response");
    expect(plural(de.common.fewerThan, 5, {}, "de-DE")).toBe("weniger als 5 Antworten");
    expect(plural(en.counts.person, 1234, {}, "en-GB")).toBe("1,234 people");
    expect(plural(de.counts.person, 1234, {}, "de-DE")).toBe("1.234 Personen");
  });

  it("writes every date in one style per language, date-only values on their own day", () => {
    expect(formatDate("2026-12-16", "en-GB")).toBe("16 December 2026");
    expect(formatDate("2026-12-16", "de-DE")).toBe("16. Dezember 2026");
    expect(formatDate("2026-12-05T23:30:00.000Z", "en-GB")).toMatch(/^(5|6) December 2026$/);
    expect(formatDate(null, "en-GB")).toBe("");
    expect(formatDate("not a date", "en-GB")).toBe("not a date");
    // The time of day adds to the same style, it does not change it.
    const at = "2026-03-04T14:05:00.000Z";
    expect(formatDateTime(at, "en-GB").startsWith(formatDate(at, "en-GB"))).toBe(true);
    expect(formatDateTime(at, "de-DE").startsWith(formatDate(at, "de-DE"))).toBe(true);
  });

  it("writes scores with the reader's decimal mark and a true minus sign", () => {
    expect(decimal(3.44, 1, "en-GB")).toBe("3.4");
    expect(decimal(3.44, 1, "de-DE")).toBe("3,4");
    expect(decimal(-0.26, 1, "en-GB")).toBe("−0.3");
    expect(decimal(-0.01, 1, "en-GB")).toBe("0.0");
    expect(signedDecimal(0.4, 1, "en-GB")).toBe("+0.4");
    expect(signedDecimal(-0.3, 1, "de-DE")).toBe("−0,3");
    expect(signedDecimal(0.02, 1, "en-GB")).toBe("±0.0");
    expect(count(1234, "de-DE")).toBe("1.234");
  });

  it("takes the person's choice, else the browser's first language it speaks, else English", () => {
    expect(resolveLanguage("de", ["en-GB"])).toBe("de");
    expect(resolveLanguage(null, ["fr-FR", "de-AT", "en"])).toBe("de");
    expect(resolveLanguage(null, ["fr-FR"])).toBe("en");
    expect(resolveLanguage("xx", ["en-US"])).toBe("en");
  });

  it("has German for every English key", () => {
    // The widget's own catalogue (words for its views) is checked by the widget's tests.
    const { widget: _de, ...deOwn } = de;
    const { widget: _en, ...enOwn } = en;
    expect(paths(deOwn).sort()).toEqual(paths(enOwn).sort());
  });
});

describe("API validation messages in the form's words", () => {
  const INTERNAL = /"[A-Za-z]+(\.[\w-]+)*"|Invalid "|\b[a-z]+[A-Z]\w*\b/;
  const messages = [
    'Invalid "origins.2": must be an https origin like https://intranet.example.com (http only for localhost)',
    'Invalid "title": Too big: expected string to have <=80 characters',
    'Invalid "description": Too small: expected string to have >=1 characters',
    'Invalid "closesAt": must be after opensAt',
    'Invalid "opensAt": at most 400 days ahead',
    'Invalid "ownerId": no such owner in this partnership',
    '"k" must be at least 3',
    '"commentThreshold" must be at least k (5)',
    'Invalid "answers.0.performance": a pulse takes 1–5',
    'Unknown field "foo" in body',
    'Invalid "facilitator.externalId": Invalid input: expected string, received number',
  ];

  it("names the field as the form labels it, never by its internal path", () => {
    for (const message of messages) {
      for (const t of [en, de]) {
        const text = humanMessage({ message }, {}, t);
        expect(text, `${message} → ${text}`).not.toMatch(INTERNAL);
      }
    }
    expect(humanMessage({ message: messages[1] ?? "" }, { title: "Principle" }, en)).toBe(
      "Principle: at most 80 characters",
    );
    expect(humanMessage({ message: messages[3] ?? "" }, {}, de)).toBe(
      "Schließt am: muss nach dem Öffnungszeitpunkt liegen",
    );
    expect(humanMessage({ message: messages[0] ?? "" }, { origins: "Add an origin" }, en)).toBe(
      "Add an origin: must be an https origin like https://intranet.example.com (http only for localhost)",
    );
    expect(humanMessage({ message: messages[6] ?? "" }, {}, en)).toBe(
      "“Minimum responses to show a figure (k)” must be at least 3",
    );
    expect(humanMessage({ message: messages[7] ?? "" }, {}, de)).toBe(
      "„Mindestzahl Kommentierender für Kommentare“ muss mindestens k (5) sein",
    );
    // A message without a field passes through as it is.
    expect(humanMessage({ message: "That sign-in code is unknown, already used or expired" }, {}, en)).toBe(
      "That sign-in code is unknown, already used or expired",
    );
  });
});

/**
 * One look, on the tokens: the console's and the extension's stylesheets take their colours,
 * corners, type sizes and spacing from Accord's design tokens (widget/src/ui/tokens.css), never
 * from literals of their own. Static: reads the CSS, starts no browser.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = new URL("../..", import.meta.url).pathname;
const TOKENS = "widget/src/ui/tokens.css";

/**
 * The few literals that stay, each with its reason. Matched on file and declaration (whitespace
 * collapsed), not line, so edits around them do not break the list.
 */
const ALLOWED: { file: string; declaration: string; reason: string }[] = [
  {
    file: "widget/src/console/screens/report/report.css",
    declaration: "font-size: 11pt",
    reason: "the printed report's body size: print type is set in points, not in the screen's rem steps",
  },
  {
    file: "widget/src/console/screens/report/report.css",
    declaration: "margin: 16mm 14mm",
    reason: "the printed page's margins, on paper in millimetres",
  },
  {
    file: "extension/components/popup/popup.css",
    declaration: "font-size: 10px",
    reason: 'the five answer labels side by side in the 420 px popup: 10px is what fits "Consistently"',
  },
  {
    file: "widget/src/console/styles/base.css",
    declaration: "font-size: 0.875em",
    reason: "code sits in text of every size, so its size is a ratio of that text, not a step",
  },
];

/** Every stylesheet under the console and the extension (built output and dependencies aside). */
function ownedCss(): string[] {
  const under = (dir: string) =>
    readdirSync(join(ROOT, dir), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".css") && !/(^|\/)(node_modules|\.output|\.wxt|dist)\//.test(f))
      .map((f) => join(dir, f));
  return [...under("widget/src/console"), ...under("extension")].filter((f) => f !== TOKENS).sort();
}

/** Blanks comments, strings and url()s (keeping line breaks and offsets), so only real values are read. */
function blankOut(css: string): string {
  const blank = (m: string) => m.replace(/[^\n]/g, " ");
  return css
    .replace(/\/\*[\s\S]*?\*\//g, blank)
    .replace(/url\((?:"[^"]*"|'[^']*'|[^)]*)\)/g, (m) => `url(${blank(m.slice(4, -1))})`)
    .replace(/"[^"\n]*"|'[^'\n]*'/g, (m) => `"${blank(m.slice(1, -1))}"`);
}

type Declaration = { line: number; property: string; value: string };

/** The declarations of a stylesheet (property: value, ended by ; or }), each with its line. */
function declarations(css: string): Declaration[] {
  const text = blankOut(css);
  const found: Declaration[] = [];
  for (const m of text.matchAll(/(?<=^|[{;])([^{};]*?)([-\w]+)\s*:([^{};]*)(?=[;}])/g)) {
    const start = (m.index ?? 0) + (m[1]?.length ?? 0);
    found.push({
      line: text.slice(0, start).split("\n").length,
      property: (m[2] ?? "").toLowerCase(),
      value: (m[3] ?? "").replace(/\s+/g, " ").trim(),
    });
  }
  return found;
}

// CSS named colours; transparent, currentColor and inherit are not colours of their own.
const NAMED = `aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown
burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod
darkgray darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon
darkseagreen darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey
dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold goldenrod gray green greenyellow grey
honeydew hotpink indianred indigo ivory khaki lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral
lightcyan lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue
lightslategray lightslategrey lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine
mediumblue mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen mediumturquoise
mediumvioletred midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive olivedrab orange orangered
orchid palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum powderblue purple
rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue slateblue
slategray slategrey snow springgreen steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke yellow
yellowgreen`.split(/\s+/);
const COLOUR = new RegExp(
  `#[0-9a-f]{3,8}\\b|(?<![\\w-])(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\\(|(?<![\\w-])(?:${NAMED.join("|")})(?![\\w-])`,
  "i",
);
const LENGTH = /(?<![\w.#-])-?(?:\d*\.)?\d+(?:[a-z]+|%)/gi;

/** What a declaration's value may not hold: a raw colour, or a raw length where a scale applies. */
function offence({ property, value }: Declaration): string | undefined {
  // A var()'s name is not a value; its fallback is, and is checked like any other.
  const own = value.replace(/var\(\s*--[-\w]+\s*,?/g, "var(");
  const colour = own.match(COLOUR);
  if (colour) return `colour ${colour[0]}`;
  const scale = /^(margin|padding|gap|row-gap|column-gap|grid-gap)(-|$)/.test(property)
    ? "spacing"
    : /radius$/.test(property)
      ? "radius"
      : /^font(-size)?$|-font-size$/.test(property)
        ? "font size"
        : undefined;
  if (!scale) return undefined;
  for (const [length] of own.matchAll(LENGTH)) {
    if (/^-?0*\.?0+[a-z%]*$/i.test(length)) continue; // zero, in any unit
    if (scale === "radius" && length === "50%") continue; // a circle
    if (scale === "spacing" && /^-?1px$/.test(length)) continue; // a hairline's overlap
    return `${scale} ${length}`;
  }
  return undefined;
}

/** file:line and what is wrong, for every literal the stylesheets hold outside the allowlist. */
function offenders(files: string[]): string[] {
  return files.flatMap((file) =>
    declarations(readFileSync(join(ROOT, file), "utf8")).flatMap((d) => {
      const problem = offence(d);
      const allowed = ALLOWED.some((a) => a.file === file && a.declaration === `${d.property}: ${d.value}`);
      return problem && !allowed ? [`${file}:${d.line} ${d.property}: ${d.value} (${problem})`] : [];
    }),
  );
}

/** The custom properties one rule of tokens.css declares, by its selector. */
function tokenBlock(selector: string): Map<string, string> {
  const css = blankOut(readFileSync(join(ROOT, TOKENS), "utf8"));
  const body =
    [...css.matchAll(/([^{}]+)\{([^}]*)\}/g)].find((m) => m[1]?.replace(/\s+/g, " ").trim() === selector)?.[2] ?? "";
  return new Map([...body.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1] ?? "", (m[2] ?? "").trim()]));
}

describe("design tokens in the console's and the extension's stylesheets", () => {
  const files = ownedCss();

  it("finds the stylesheets it checks", () => {
    expect(files).toContain("widget/src/console/console.css");
    expect(files).toContain("extension/assets/base.css");
    expect(files).toContain("extension/components/reminder/card.css");
    expect(files.length).toBeGreaterThan(25);
  });

  it("recognises the literals it looks for", () => {
    const at = (property: string, value: string) => offence({ line: 1, property, value });
    expect(at("color", "#1f2937")).toBe("colour #1f2937");
    expect(at("background", "linear-gradient(rgb(0 0 0 / 5%), white)")).toMatch(/^colour/);
    expect(at("border", "1px solid var(--x, #e1e4e9)")).toBe("colour #e1e4e9");
    expect(at("padding", "0.5rem var(--ac-space-2)")).toBe("spacing 0.5rem");
    expect(at("margin-top", "calc(-1 * var(--ac-space-2))")).toBeUndefined();
    expect(at("margin", "-1px 0 0")).toBeUndefined();
    expect(at("border-radius", "6px")).toBe("radius 6px");
    expect(at("border-radius", "50%")).toBeUndefined();
    expect(at("font", "14px / 1.45 var(--ac-font)")).toBe("font size 14px");
    expect(at("--accord-font-size", "15px")).toBe("font size 15px");
    expect(at("border-color", "transparent")).toBeUndefined();
    expect(at("color", "var(--ac-text)")).toBeUndefined();
    expect(at("white-space", "nowrap")).toBeUndefined();
  });

  it("holds no colour, corner, type size or spacing literal outside a token", () => {
    expect(offenders(files)).toEqual([]);
  });

  it("keeps each allowlisted literal where it is (a stale entry is removed)", () => {
    const present = ALLOWED.filter((a) =>
      declarations(readFileSync(join(ROOT, a.file), "utf8")).some((d) => `${d.property}: ${d.value}` === a.declaration),
    );
    expect(present).toEqual(ALLOWED);
  });

  it("gives a shadow root on another site the same type and spacing steps in px", () => {
    const pages = tokenBlock(":root, :host");
    const shadow = tokenBlock(":host");
    const steps = [...pages].filter(([name]) => /^--ac-(text|space)-/.test(name) && name !== "--ac-text-2");
    expect(steps.length).toBeGreaterThan(15);
    expect(Object.fromEntries([...shadow].filter(([name]) => /^--ac-(text|space)-/.test(name)))).toEqual(
      Object.fromEntries(steps.map(([name, rem]) => [name, `${Number.parseFloat(rem) * 16}px`])),
    );
  });
});

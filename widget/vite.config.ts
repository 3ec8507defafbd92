// Over 400 lines: the size work on the embed script (short names, Preact cuts) lives beside the build it shapes.
/**
 * The embed script: one classic-script IIFE (document.currentScript works, no module loader on the
 * host page, nothing global), written to widget/dist/embed/v1/ as accord.<hash>.js (immutable) and
 * accord.js (the short-cached alias, same bytes), with manifest.json (file name and SRI hash, read
 * by the console for its snippet) and widget/dist/_headers for Cloudflare's static assets.
 *
 * Code no rating element needs before its first question is built into files of its own under
 * embed/v1/lazy/, named by content hash: the saver, the token-url helper, the results and
 * principles views (no question there), what tells and words failures (ui/problem.ts) — ES modules
 * the script imports on demand — and the languages other than English (JSON fetched with their
 * SRI hash). The sources load them with a plain `import("./saver")`, which the console's build
 * splits as usual; here such imports are rewritten to the prebuilt files. A lazy module must not
 * import Preact: the page must keep the single copy in the main script.
 *
 * The size budget (test/widget/size.test.ts) also shapes the main script: the minifier shortens
 * property names only its own code uses (MANGLED), and Preact's build loses what the widget never
 * uses (slimPreact). The script is built twice: the first build picks the short names, the second
 * pins them, and the language files are written with the same names for the catalogue keys.
 *
 * Runs first in `npm run build:ui` and empties widget/dist; the console's build adds to it.
 */
import { createHash } from "node:crypto";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, defineConfig, type Plugin, type Rolldown, type UserConfig } from "vite";
import { de } from "./src/i18n/de";
import type { en } from "./src/i18n/en";

const WIDGET = fileURLToPath(new URL(".", import.meta.url));
const DIST = join(WIDGET, "dist");
const EMBED_DIR = "embed/v1";
const ALIAS = `${EMBED_DIR}/accord.js`;
const ASSETS_MODULE = join(WIDGET, "src/elements/assets.ts");
export const ELEMENTS = ["accord-survey", "accord-pulse", "accord-principles", "accord-results"];

/** Modules loaded on demand (imported with `import("…")` in the sources). */
const LAZY_MODULES = [
  "src/ui/saver.ts",
  "src/ui/results-view.ts",
  "src/ui/principles-view.ts",
  "src/ui/problem.ts",
  "src/elements/token-url.ts",
];

/**
 * Property names private to the embed script, which the minifier shortens (every use is in this
 * one chunk; `mangledIn` keeps them out of the lazy files, which are built on their own):
 * - Preact's internal fields (its build already named them `__k`, `__e` …); `__v` stays, as the
 *   size test recognises Preact by it;
 * - the component methods Preact still calls (see slimPreact): only Preact calls them, and the only
 *   class component (ui/connect.ts) is in this chunk;
 * - keys of the English catalogue that name nothing else (no API field, DOM property or prop from
 *   outside): other languages are written with the same short keys;
 * - names the script's own modules share and nothing outside reads (not the custom element
 *   callbacks, not API fields, not props of the lazy views).
 */
const PREACT_NAMES = ["componentWillUnmount", "forceUpdate"];
const CATALOG_KEYS = [
  "loading",
  "performanceLegend",
  "importanceLegend",
  "performanceScale",
  "importanceScale",
  "cantSay",
  "commentHint",
  "survey",
  "progress",
  "principleOf",
  "previous",
  "next",
  "submit",
  "missing",
  "closesOn",
  "saving",
  "queued",
  "thanks",
  "thanksDetail",
  "change",
  "pulse",
  "pulseQuestion",
  "pulseThanks",
  "pulseChange",
  "nothingOpen",
  "nothingOpenDetail",
  "joinedLate",
] as const satisfies readonly (keyof typeof en)[];
/** Fields, methods and props the embed script's own modules share (element, models, views). */
const APP_NAMES = [
  "scriptUrl",
  "catalogs",
  "styles",
  "mount",
  "renders",
  "identity",
  "tokenUrl",
  "emit",
  "update",
  "onSubmitted",
  "model",
  "view",
  "patch",
  "request",
  "index",
  "done",
  "go",
  "answer",
  "changing",
  "rate",
  "lines",
  "legend",
  "labels",
];
const MANGLED_NAMES = `__[A-Za-z]?|${[...PREACT_NAMES, ...CATALOG_KEYS, ...APP_NAMES].join("|")}`;
const MANGLED = { include: new RegExp(`^(?:${MANGLED_NAMES})$`), reserved: ["__v", "__proto__"] };

/**
 * Preact features no widget code uses, left out of the embed script. Preact checks for them at
 * run time, so the minifier cannot drop them; `slimPreact` does, at build time:
 * - what Preact looks up on components: lifecycle methods other than componentWillUnmount,
 *   context, error boundaries, defaultProps (read as undefined, so the code behind them goes);
 * - the option hooks that add-ons (hooks, devtools, signals) set;
 * - style props (the widget styles with classes: a strict CSP refuses inline styles),
 *   dangerouslySetInnerHTML, Component#setState and callbacks after rendering (the views
 *   re-render from their stores), Suspense and hydration of suspended trees, and what only
 *   MathML, SVG's xlink and className, <template>, <foreignObject> and popover need.
 * It refuses widget code that would need any of them (NEEDS_FULL_PREACT), and a Preact build that
 * no longer has exactly these pieces (PREACT_CUTS, written against Preact 10.29's build).
 */
const UNUSED_PREACT = [
  "componentWillMount",
  "componentDidMount",
  "componentWillReceiveProps",
  "shouldComponentUpdate",
  "componentWillUpdate",
  "componentDidUpdate",
  "getSnapshotBeforeUpdate",
  "getDerivedStateFromProps",
  "getDerivedStateFromError",
  "componentDidCatch",
  "getChildContext",
  "contextType",
  "defaultProps",
];
const UNUSED_PREACT_OPTIONS = ["vnode", "diffed", "unmount", "event", "debounceRendering"];
/**
 * Pieces of Preact's build (10.29.6, preact.module.js) and what replaces them, in order:
 * [piece, replacement, how many there are]. Its names are minified: `l` is the options object;
 * in the diff, `c` says "hydrating" (never: the widget renders, it does not hydrate) and `e` or
 * `o` the DOM children to reuse (never: an element renders into a new, empty node).
 */
const PREACT_CUTS: [string | RegExp, string, number][] = [
  // render(vnode, parent) into a fresh node: no replaceNode, no hydration, no children to reuse.
  [
    't==document&&(t=document.documentElement),l.__&&l.__(u,t),o=(r="function"==typeof i)?null:i&&i.__k||t.__k,e=[],f=[],q(t,u=(!r&&i||t).__k=k(S,null,[u]),o||d,d,t.namespaceURI,!r&&i?[i]:o?null:t.firstChild?n.call(t.childNodes):null,e,!r&&i?i:o?o.__e:t.firstChild,r,f)',
    "o=t.__k,e=[],f=[],q(t,u=t.__k=k(S,null,[u]),o||d,d,t.namespaceURI,null,e,o?o.__e:t.firstChild,!1,f)",
    1,
  ],
  ["128&t.__u&&(c=!!(32&t.__u),o=[f=u.__e=t.__e]),", "", 1],
  ["32&u.__u?[t]:null", "null", 1],
  ["!!(32&u.__u)", "!1", 1],
  [
    "if(e.length=h,u.__v=null,c||null!=o){if(n.then){for(u.__u|=c?160:128;f&&8==f.nodeType&&f.nextSibling;)f=f.nextSibling;null!=o&&(o[o.indexOf(f)]=null),u.__e=f}else if(null!=o)for(T=o.length;T--;)b(o[T])}else u.__e=t.__e;",
    "e.length=h,u.__v=null,u.__e=t.__e;",
    1,
  ],
  ["n.then||B(u)", "B(u)", 1],
  ["else null==o&&u.__v==t.__v?", "else u.__v==t.__v?", 1],
  [
    ',null!=e)for(s=0;s<e.length;s++)if((y=e[s])&&"setAttribute"in y==!!x&&(x?y.localName==x:3==y.nodeType)){u=y,e[s]=null;break}',
    ")0;",
    1,
  ],
  ["c&&(l.__m&&l.__m(t,e),c=!1),", "", 1],
  ["||c&&u.data==k", "", 1],
  [
    'if(e="textarea"==x&&null!=k.defaultValue?null:e&&n.call(u.childNodes),!c&&null!=e)for(m={},s=0;s<u.attributes.length;s++)m[(y=u.attributes[s]).name]=y.value;',
    "",
    1,
  ],
  ['c&&"function"!=typeof y||', "", 1],
  ["e?e[0]:i.__k&&$(i,0)", "i.__k&&$(i,0)", 1],
  [",null!=e)for(s=e.length;s--;)b(e[s]);", ");", 1],
  ['c&&"textarea"!=x||(', "(", 1],
  // Option hooks under their minified names.
  ["(s=l.__b)&&s(u)", "0", 1],
  ["P=l.__r,", "", 1],
  ["P&&P(u),", "", 2],
  ["l.__c&&l.__c(u,n)", "0", 1],
  ["return(s=l.diffed)&&s(u),128&u.__u?void 0:f", "return f", 1],
  // Context, and error boundaries: an error is simply thrown.
  ["$=(s=j.contextType)&&i[s.__c],I=s?$?$.props.value:s.__:i", "I=i", 1],
  ["$&&$.sub(p),", "", 1],
  [/l=\{__e:function\(n,l,u,t\)\{.*?throw n\}\}/g, "l={__e:function(n){throw n}}", 1],
  // setState, and callbacks after rendering (componentDidMount, setState's and forceUpdate's).
  [/(\w+)\.prototype\.setState=function\(\w+,\w+\)\{.*?\},(?=\1\.prototype\.forceUpdate)/g, "", 1],
  [",p.__h=[],p._sb=[]", "", 1],
  ["w.push.apply(p.__h,p._sb),p._sb=[],p.__h.length&&e.push(p)", "0", 1],
  ["w.push.apply(p.__h,p._sb),p._sb=[]", "0", 1],
  [",p.__h.length&&e.push(p)", "", 1],
  ["n.some(function(u){try{n=u.__h,u.__h=[],n.some(function(n){n.call(u)})}catch(n){l.__e(n,u.__v)}})", "0", 1],
  ["n&&this.__h.push(n),", "", 1],
  // Props and elements the widget never renders.
  ['"style"==l', "!1", 1],
  [
    'if(h)c||p&&(h.__html==p.__html||h.__html==u.innerHTML)||(u.innerHTML=h.__html),t.__k=[];else if(p&&(u.innerHTML=""),',
    "if(",
    1,
  ],
  ['"dangerouslySetInnerHTML"==s', "!1", 2],
  ['"math"==x', "!1", 1],
  ['l=l.replace(/xlink(H|:h)/,"h").replace(/sName$/,"s")', "0", 1],
  ['"template"==t.type?u.content:u', "u", 1],
  ['"foreignObject"==x?"http://www.w3.org/1999/xhtml":o', "o", 1],
  ['&&"popover"!=l', "", 1],
  ['"popover"==l&&1==u?"":u', "u", 1],
];
/** Widget code that would need what PREACT_CUTS and UNUSED_PREACT leave out. */
const NEEDS_FULL_PREACT = [
  new RegExp(`\\b(?:${UNUSED_PREACT.join("|")}|createContext|setState|dangerouslySetInnerHTML|Suspense|hydrate)\\b`),
  /import\s*\{[^}]*\boptions\b[^}]*\}\s*from\s*["']preact/,
  // A style prop (in JSX or in h()'s props), a callback to forceUpdate, render() with a third
  // argument (replaceNode), or an element left out.
  /\bstyle\s*(?:=\s*[{"'`]|:)/,
  /\bforceUpdate\(\s*[^)\s]/,
  /\brender\((?:[^(),]|\([^()]*\))*,(?:[^(),]|\([^()]*\))*,/,
  /["'`<](?:math|template|foreignObject)\b|\b(?:xlink|className|popover)\b/,
];

function slimPreact(): Plugin {
  const names = [...UNUSED_PREACT, ...UNUSED_PREACT_OPTIONS].join("|");
  // Reads only (`x.name`, not `x.name = …`); Preact's own build has no other property of these names.
  const read = new RegExp(`[\\w$]+(?:\\.[\\w$]+)*\\.(?:${names})\\b(?!\\s*=[^=])`, "g");
  return {
    name: "accord-slim-preact",
    transform(code, id) {
      if (id.includes("/node_modules/preact/dist/")) {
        let slim = code;
        for (const [piece, replacement, count] of PREACT_CUTS) {
          const found = typeof piece === "string" ? slim.split(piece).length - 1 : (slim.match(piece)?.length ?? 0);
          if (found !== count)
            throw new Error(`${id}: ${piece} found ${found} times, not ${count}: update PREACT_CUTS`);
          slim = typeof piece === "string" ? slim.replaceAll(piece, replacement) : slim.replace(piece, replacement);
        }
        return { code: slim.replace(read, "(void 0)"), map: null };
      }
      if (/\/widget\/src\/.*\.tsx?$/.test(id) && NEEDS_FULL_PREACT.some((needs) => needs.test(code))) {
        throw new Error(`${id} uses a Preact feature the embed script leaves out: see slimPreact`);
      }
      return null;
    },
  };
}

/** A mangled name used as a property in `code` (a lazy file would not see it renamed), if any. */
const mangledIn = (code: string) => code.match(new RegExp(`(?:[.{,]|\\?\\.)(${MANGLED_NAMES})(?![\\w$])`))?.[1];

/** An SRI hash: sha384 for the script (what integrators expect), sha256 for lazy files (shorter inside the script). */
const sri = (bytes: string | Buffer, algorithm = "sha384") =>
  `${algorithm}-${createHash(algorithm).update(bytes).digest("base64")}`;
const shortHash = (bytes: string | Buffer) => createHash("sha256").update(bytes).digest("hex").slice(0, 10);

interface LazyFile {
  /** Path relative to the embed script, e.g. "lazy/saver.0123456789.js". */
  file: string;
  integrity: string;
  source: string;
}

const lazyFile = (name: string, ext: string, source: string): LazyFile => ({
  file: `lazy/${name}.${shortHash(source)}.${ext}`,
  integrity: sri(source, "sha256"),
  source,
});

/** A lazy module as one minified ES module, with its own copies of the (stateless) helpers it uses. */
async function buildLazyModule(entry: string): Promise<LazyFile> {
  const result = await build({
    configFile: false,
    logLevel: "warn",
    root: WIDGET,
    build: { write: false, target: "es2022", minify: true, lib: { entry: join(WIDGET, entry), formats: ["es"] } },
    plugins: [slimPreact()],
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunks = outputs.flatMap((o) => o.output).filter((o) => o.type === "chunk");
  const chunk = chunks[0];
  if (chunks.length !== 1 || !chunk) throw new Error(`${entry} must build into one file`);
  if (chunk.moduleIds.some((id) => id.includes("/node_modules/preact/"))) {
    throw new Error(`${entry} must not import Preact: take what it needs as arguments`);
  }
  const name = mangledIn(chunk.code);
  if (name) throw new Error(`${entry} uses .${name}, which the embed script renames: see MANGLED`);
  return lazyFile(entry.replace(/^.*\/|\.tsx?$/g, ""), "js", chunk.code);
}

/** Rewrites `import("./saver")` and the like into imports of the prebuilt files next to the script. */
function lazyImports(files: Record<string, LazyFile>): Plugin {
  return {
    name: "accord-lazy-imports",
    transform(code, id) {
      if (!id.startsWith(join(WIDGET, "src/"))) return null;
      let rewritten = false;
      const out = code.replace(/import\(\s*(["'])(\.\.?\/[\w/-]+)\1\s*\)/g, (all, _quote, specifier: string) => {
        const lazy = files[relative(WIDGET, join(dirname(id), specifier))];
        if (!lazy) return all;
        rewritten = true;
        return `import(/* @vite-ignore */ __accordAsset(${JSON.stringify(lazy.file)}))`;
      });
      // Appended (imports are hoisted) and the rewrite keeps lines: the module's source map stays valid.
      return rewritten
        ? { code: `${out}\nimport { assetUrl as __accordAsset } from ${JSON.stringify(ASSETS_MODULE)};`, map: null }
        : null;
    },
  };
}

/**
 * Headers for the static assets (Cloudflare's _headers syntax; wrangler's local assets server reads
 * it too). Headers of all matching rules are merged, so no header appears in two rules that match
 * the same path.
 */
const HEADERS = `# Generated by widget/vite.config.ts; do not edit.
/embed/*
  Access-Control-Allow-Origin: *
  Cross-Origin-Resource-Policy: cross-origin
/embed/v1/accord.*.js
  Cache-Control: public, max-age=31536000, immutable
/embed/v1/lazy/*
  Cache-Control: public, max-age=31536000, immutable
/embed/v1/accord.js
  Cache-Control: public, max-age=300
/embed/v1/manifest.json
  Cache-Control: public, max-age=60
/*
  Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'
  X-Content-Type-Options: nosniff
  Referrer-Policy: no-referrer
`;

/** Emits the lazy files; once the script is on disk, writes its hashed copy, the manifest and _headers. */
function embedFiles(lazy: LazyFile[]): Plugin {
  return {
    name: "accord-embed-files",
    apply: "build",
    generateBundle() {
      for (const f of lazy) this.emitFile({ type: "asset", fileName: `${EMBED_DIR}/${f.file}`, source: f.source });
    },
    // Hashes the bytes as written (after minification), so the name and SRI match what is served.
    writeBundle() {
      const code = readFileSync(join(DIST, ALIAS));
      const hashed = `${EMBED_DIR}/accord.${shortHash(code)}.js`;
      copyFileSync(join(DIST, ALIAS), join(DIST, hashed));
      const manifest = {
        version: 1,
        script: `/${hashed}`,
        integrity: sri(code),
        alias: `/${ALIAS}`,
        elements: ELEMENTS,
        bytes: code.length,
        gzipBytes: gzipSync(code, { level: 9 }).length,
        lazy: lazy.map((f) => ({ path: `/${EMBED_DIR}/${f.file}`, integrity: f.integrity })),
      };
      writeFileSync(join(DIST, EMBED_DIR, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
      writeFileSync(join(DIST, "_headers"), HEADERS);
    },
  };
}

type Names = Record<string, string | false>;

/**
 * The embed script's build. `names` pins the short property names (see MANGLED); without it the
 * build only learns them (nothing is written).
 */
function embedConfig(lazy: Record<string, LazyFile>, catalogs: Record<string, LazyFile>, names?: Names): UserConfig {
  return {
    root: WIDGET,
    publicDir: false,
    logLevel: names ? "info" : "warn",
    oxc: {
      // Never the development transform (which adds __source and __self), whatever NODE_ENV says.
      jsx: { runtime: "classic", pragma: "__h", pragmaFrag: "__F", development: false },
      jsxInject: `import { h as __h, Fragment as __F } from "preact"`,
    },
    define: {
      __ACCORD_CATALOGS__: JSON.stringify(
        Object.fromEntries(
          Object.entries(catalogs).map(([lang, c]) => [lang, { file: c.file, integrity: c.integrity }]),
        ),
      ),
    },
    build: {
      outDir: DIST,
      emptyOutDir: Boolean(names),
      write: Boolean(names),
      target: "es2022",
      minify: true,
      rolldownOptions: { output: { minify: { mangleProps: { ...MANGLED, cache: names } } } },
      cssMinify: true,
      // Browsers with :has(), container queries and color-mix(), so the minifier keeps rules as written.
      cssTarget: ["chrome111", "edge111", "firefox121", "safari16.4"],
      reportCompressedSize: false,
      lib: { entry: join(WIDGET, "src/embed.ts"), formats: ["iife"], name: "accord", fileName: () => ALIAS },
    },
    plugins: [slimPreact(), lazyImports(lazy), embedFiles([...Object.values(lazy), ...Object.values(catalogs)])],
  };
}

/** The short names the minifier picks for MANGLED properties in the embed script. */
async function mangledNames(lazy: Record<string, LazyFile>): Promise<Names> {
  const result = await build({ ...embedConfig(lazy, {}), configFile: false });
  const names = (Array.isArray(result) ? result[0] : (result as Rolldown.RolldownOutput))?.mangleCache;
  if (!names) throw new Error("The embed build did not report its mangled names");
  return names;
}

/** A catalogue with its keys renamed as the embed script reads them. */
const renameKeys = (strings: object, names: Names) =>
  Object.fromEntries(Object.entries(strings).map(([key, value]) => [names[key] || key, value]));

export default defineConfig(async (): Promise<UserConfig> => {
  // Keyed by path without extension, as the sources import them.
  const modules: Record<string, LazyFile> = {};
  for (const entry of LAZY_MODULES) modules[entry.replace(/\.tsx?$/, "")] = await buildLazyModule(entry);
  const names = await mangledNames(modules);
  const catalogs = Object.fromEntries(
    Object.entries({ de }).map(([lang, strings]) => [
      lang,
      lazyFile(lang, "json", JSON.stringify(renameKeys(strings, names))),
    ]),
  );
  return embedConfig(modules, catalogs, names);
});

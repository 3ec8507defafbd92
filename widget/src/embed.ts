/**
 * The embed script (/embed/v1/accord.js): registers <accord-survey>, <accord-pulse>,
 * <accord-principles> and <accord-results>. It defines no globals and writes nothing to the page
 * but the elements' own shadow roots.
 */
import { register } from "./elements/register";
import { styles } from "./elements/styles";
import type { CatalogFile } from "./i18n";

/** Filled in by widget/vite.config.ts: the language files it built next to this script. */
declare const __ACCORD_CATALOGS__: Record<string, CatalogFile>;

// currentScript is set only while this file first runs: it names the origin the API defaults to.
register({
  scriptUrl: (document.currentScript as HTMLScriptElement | null)?.src || document.baseURI,
  catalogs: __ACCORD_CATALOGS__,
  styles,
});

/**
 * Where the embed script was loaded from. Files only some pages need (the saver, the results
 * view's body, languages other than English) are built next to it and fetched from there: the
 * embed build turns dynamic imports of "./saver" and the like into imports of assetUrl("lazy/…").
 */
let base = "";

export function setAssetBase(url: string): void {
  base = url;
}

/** The URL of a file built next to the embed script (imported by the code vite.config.ts generates). */
export const assetUrl = (file: string): string => new URL(file, base).href;

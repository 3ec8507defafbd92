/** Vite's ?inline CSS imports: the stylesheet's text (adopted into shadow roots). */
declare module "*.css?inline" {
  const css: string;
  export default css;
}

/** A stylesheet imported for its side effect: Vite adds it to the page's CSS. */
declare module "*.css";

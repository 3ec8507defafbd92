/** Vite's ?inline CSS imports: the stylesheet's text (adopted into shadow roots). */
declare module "*.css?inline" {
  const css: string;
  export default css;
}

/** Entry point of the hosted console (widget/index.html). */
import { render } from "preact";
import { App } from "./app";
import { startLanguage } from "./i18n";
import { startRouter } from "./router";

startRouter();
// The remembered language first (German is a chunk of its own), so the first screen is already in it.
startLanguage().finally(() => {
  const root = document.getElementById("app");
  if (root) render(<App />, root);
});

/** Entry point of the hosted console (widget/index.html). */
import { render } from "preact";
import { App } from "./app";
import { startRouter } from "./router";

startRouter();
const root = document.getElementById("app");
if (root) render(<App />, root);

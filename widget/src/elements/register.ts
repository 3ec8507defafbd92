import { setAssetBase } from "./assets";
import type { EmbedEnv } from "./base";
import { principlesElement } from "./principles";
import { pulseElement } from "./pulse";
import { resultsElement } from "./results";
import { surveyElement } from "./survey";

/** Defines the four elements; a second copy of the script on the page changes nothing. */
export function register(env: EmbedEnv, registry: CustomElementRegistry = customElements): void {
  setAssetBase(env.scriptUrl);
  const elements = {
    "accord-survey": surveyElement,
    "accord-pulse": pulseElement,
    "accord-principles": principlesElement,
    "accord-results": resultsElement,
  };
  for (const [name, define] of Object.entries(elements)) {
    if (!registry.get(name)) registry.define(name, define(env));
  }
}

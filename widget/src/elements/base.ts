/**
 * What the four elements share: a shadow root with Accord's styles, attributes turned into a
 * client and strings, and events for the host page. Each element only names the view it renders.
 */
import { type ComponentChild, h, render } from "preact";
import type { Client, Failure } from "../api";
import { type CatalogFile, loadStrings, resolveLang, type Strings } from "../i18n";
import type { RatingProps } from "../ui/props";
import { frame } from "../ui/status";
import { createIdentity } from "./identity";

/** What the embed script knows about itself. */
export interface EmbedEnv {
  /** The script's own URL: the API's default origin. */
  scriptUrl: string;
  /** Languages other than English, built as files next to the script. */
  catalogs: Record<string, CatalogFile>;
  /** The elements' stylesheet (host.css and theme.css). */
  styles: string;
}

/** Every element's styles: the script's own, then those of views loaded later (see addStyles). */
let css = "";
let shared: CSSStyleSheet | undefined;
const styleElements: HTMLStyleElement[] = [];

/**
 * Styles a shadow root without touching the page: one constructable stylesheet shared by every
 * element (no CSP governs those), else a <style> carrying the nonce the host passed, for browsers
 * without constructable stylesheets under a strict style-src.
 */
function adoptStyles(root: ShadowRoot, nonce: string | null, env: EmbedEnv): void {
  css ||= env.styles;
  if (root.adoptedStyleSheets && "replaceSync" in CSSStyleSheet.prototype) {
    if (!shared) {
      shared = new CSSStyleSheet();
      shared.replaceSync(css);
    }
    root.adoptedStyleSheets = [shared];
  } else {
    const style = document.createElement("style");
    if (nonce) style.nonce = nonce;
    style.textContent = css;
    styleElements.push(style);
    root.append(style);
  }
}

/** Adds the styles of a view loaded later (e.g. the results view) to every element's shadow root. */
export function addStyles(more: string): void {
  if (css.includes(more)) return;
  css += more;
  shared?.replaceSync(css);
  for (const style of styleElements) style.textContent = css;
}

/**
 * A custom element class rendering `view` into its shadow root. `kind` names the view (its root
 * class while it loads); a view may come as a promise (code loaded on demand).
 */
export function defineView(
  view: (props: RatingProps) => ComponentChild | Promise<ComponentChild>,
  kind: string,
  env: EmbedEnv,
) {
  return class AccordElement extends HTMLElement {
    static observedAttributes = ["partnership", "lang", "api", "token", "token-url", "cycle"];
    mount?: HTMLElement;
    renders = 0;
    signedOut = false;
    identity = createIdentity({
      token: () => this.getAttribute("token"),
      tokenUrl: () => this.getAttribute("token-url"),
    });

    connectedCallback(): void {
      if (!this.mount) {
        const shadow = this.attachShadow({ mode: "open" });
        // The IDL property: browsers hide a nonce attribute from the DOM once the element is inserted.
        adoptStyles(shadow, this.nonce || this.getAttribute("nonce"), env);
        // Preact renders into a node of its own, so it never touches a <style> beside it; the node
        // starts empty, as the embed's slimmed Preact expects (see slimPreact in vite.config.ts).
        this.mount = document.createElement("div");
        shadow.append(this.mount);
      }
      void this.update();
    }

    disconnectedCallback(): void {
      render(null, this.mount as HTMLElement);
    }

    attributeChangedCallback(name: string): void {
      // A new token is simply used by the next request; the view reloads only if it showed "signed out".
      if (this.isConnected && this.mount && (this.signedOut || !name.startsWith("token"))) void this.update();
    }

    emit(type: string, detail: object): void {
      this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
    }

    async update(): Promise<void> {
      const mount = this.mount as HTMLElement;
      const id = ++this.renders;
      const show = (content: ComponentChild) =>
        // Only the newest update renders (attributes may change while a catalog or a view loads);
        // a fresh key remounts the view, so it loads again with the new attributes.
        id === this.renders && this.isConnected && render(h("div", { key: id }, content), mount);
      const placeholder = (strings: Strings, failure?: Failure) =>
        frame(
          kind,
          strings,
          { loaded: false, failure },
          3,
          () => this.update(),
          () => null,
        );
      const strings = await loadStrings(resolveLang(this.getAttribute("lang")), env.catalogs, env.scriptUrl);
      this.signedOut = false;
      const { identity } = this;
      const client: Client = {
        base: new URL(this.getAttribute("api") || env.scriptUrl, document.baseURI).origin,
        auth: { kind: "embed", token: identity.token },
        // A refused token is dropped, so the next request (a retry) asks token-url for a fresh one.
        fetch: async (input, init) => {
          const res = await fetch(input, init);
          if (res.status === 401) identity.invalidate();
          return res;
        },
      };
      const content = view({
        client,
        partnershipId: this.getAttribute("partnership") ?? "",
        cycle: this.getAttribute("cycle"),
        strings,
        lang: strings.lang,
        onError: (failure) => {
          if (failure.status === 401) this.signedOut = true;
          this.emit("accord:error", failure);
        },
        onSubmitted: (detail) => this.emit("accord:submitted", detail),
      });
      if (!(content instanceof Promise)) return void show(content);
      show(placeholder(strings));
      // The view's own file could not be fetched: most likely offline; "Try again" reloads it.
      show(await content.catch(() => placeholder(strings, { status: 0, code: "offline", message: "" })));
    }
  };
}

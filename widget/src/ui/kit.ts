/**
 * What a view built into a file of its own (results, principles) takes from the embed script that
 * loads it: Preact and the shared views, so the page keeps the one copy of them.
 */
import type { ComponentType, Fragment, h } from "preact";
import type { connect } from "./connect";
import type { loadModel } from "./load";
import type { frame, Notice } from "./status";

export interface Kit {
  h: typeof h;
  Fragment: typeof Fragment;
  connect: typeof connect;
  loadModel: typeof loadModel;
  frame: typeof frame;
  Notice: typeof Notice;
}

/** Such a view's module: the view made from a kit, and its own styles (on top of theme.css). */
export interface LazyView<P> {
  default(kit: Kit): ComponentType<P>;
  css: string;
}

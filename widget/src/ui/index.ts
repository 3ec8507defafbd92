/**
 * Accord's shared rating views, for bundles that render them with their own client (the console).
 * The embed elements import the modules they need directly, so the embed stays within its size
 * budget. Styles: import "./theme.css" (every view's root has the class "ac"). Each view is a model
 * (plain TS: loading, saving, navigation) and a pure view, joined by connect().
 */
export { en } from "../i18n";
export { Pulse } from "./pulse";
export { Survey } from "./survey";

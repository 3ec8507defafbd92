/**
 * The extension's English words: the catalogue every other language copies key for key. Words the
 * widget already has (the rating scale, the pulse question, "open until…") come from its catalogue,
 * so both say the same thing. `{name}` marks a placeholder; objects with `one`/`other` are plural
 * forms (see plural() in widget/src/i18n).
 */
import { enPrinciples, en as widget } from "@accord/widget/i18n";
import type { Language } from "./languages";

export const en = {
  lang: "en" as Language,
  /** The language's own name, as the language menus list it. */
  name: "English",
  language: "Language",

  // Shared with the widget.
  scale: widget.performanceScale,
  pulseQuestion: widget.pulseQuestion,
  joinedLate: widget.joinedLate,
  progress: widget.progress,
  openUntil: widget.closesOn,
  survey: widget.survey,
  noPrinciples: enPrinciples.noPrinciples,

  // Popup.
  partnership: "Partnership",
  offline: "You're offline. Showing what Accord last sent; ratings are kept and sent when you're back.",
  noneShown: "No partnership is shown. Choose some in the {settings}.",
  settingsLink: "settings",
  settings: "Settings",
  loadingPartnership: "Loading {name}…",
  yourPartnership: "your partnership",
  updating: "Updating…",
  updated: "Updated {ago}",
  justNow: "just now",
  heroTitle: "Keep your partnership's principles in view",
  heroText:
    "Pair this browser with Accord to see your principles, answer pulses in one click and get gentle reminders in the tools you share.",
  pair: "Pair with Accord",
  pulse: "Pulse",
  noPulse: "No pulse is open in this partnership right now.",
  rateFailed: "Accord could not take your rating. Open the settings and sign in again.",
  cancelled: "Cancelled. Nothing was sent.",
  tooLate: "Too late to undo: it was already sent. Choose another answer to change it.",
  sendingSoon: "“{label}” will be sent in a moment.",
  savedOffline: "You're offline. “{label}” is saved here and will be sent when you're back online.",
  sending: "Sending…",
  thanks: "Thanks! You said “{label}”.",
  youSaid: "You said “{label}”. Choose another answer to change it.",
  undo: "Undo",
  surveys: "Surveys for you",
  continue: "Continue",
  rateNow: "Rate now",
  principles: "Our principles",
  agreed: "{n} agreed",
  actions: "My open actions",
  noActions: "Nothing assigned to you.",
  improve: "Improve",
  celebrate: "Celebrate",
  status: { open: "Open", in_progress: "In progress" },
  due: "due {date}",
  overdue: "Overdue since {date}",

  // What the background tells the person (Connection.notice).
  notices: {
    signedOut: "Your sign-in has ended (the token was revoked or expired). Pair the extension again.",
    pulseClosed: "Your rating could not be saved: the pulse has closed.",
    joinedLate: "Your rating could not be saved: you joined after this pulse opened, so you answer from the next one.",
    refused: "Your rating could not be saved: {reason}",
  },

  // The toolbar button's tooltip.
  badge: { one: "Accord: {n} rating waiting for you", other: "Accord: {n} ratings waiting for you" },

  // The reminder card on shared-tool sites.
  card: {
    today: "Our principle today",
    week: "Our principle this week",
    rate: "Rate how we live it",
    snooze: "Snooze for a week",
    dismiss: "Dismiss for today",
    dismissWeek: "Dismiss for this week",
  },

  // Options page.
  optionsTitle: "Accord settings",
  optionsSubtitle: "Extension settings",
  optionsHeading: "Accord extension settings",
  privacy:
    "Your sign-in stays in this browser's extension storage and goes only to your Accord. Reminder cards are shown by the extension itself: the sites you visit learn nothing, and Accord learns nothing about them.",
  account: "Account",
  signedInAs: "Signed in as {name} · {organization}",
  accordAt: "Accord at {address}",
  signOut: "Sign out",
  pairHelp:
    "In the Accord console, open {where} and issue a sign-in code, or use the code a facilitator gave you. A code works once, within 10 minutes.",
  pairWhere: "Account → Pair the browser extension",
  apiAddress: "API address",
  apiAddressHint:
    "Your Accord's address, as the console shows it. The browser asks you to let the extension reach this address, and only this one.",
  signInCode: "Sign-in code",
  signIn: "Sign in",
  signingIn: "Signing in…",
  signInProblems: {
    address:
      "Enter your Accord's API address, like https://accord.example.com (plain http only for 127.0.0.1 or localhost).",
    code: "Enter the sign-in code Accord showed you.",
    denied: "The extension needs access to {origin} to talk to Accord. Allow it when your browser asks.",
    noAnswer: "The extension did not answer. Reload this page and try again.",
    noPrompt: "Your browser refused to ask for access. Try again.",
    unreachable: "Could not reach {origin}. Check the address and your connection.",
    rateLimited: "Too many attempts. Wait a minute, then try again.",
    invalidCode: "That sign-in code is unknown, already used or expired. Ask for a new one.",
  },
  partnerships: "Partnerships",
  noPartnerships: "You are not in any active partnership yet.",
  showInToolbar: "Show in the toolbar",
  roles: { facilitator: "Facilitator", member: "Member" },
  reminders: "Reminders",
  remindersHelp:
    "On the tools you share with your partners, a small card shows one of your agreed principles. It appears only on the sites you allow here; the browser asks you for each one.",
  howOften: "How often",
  frequencies: {
    daily: ["Once a day", "a principle a day on each site, until you dismiss it"],
    weekly: ["Once a week", "one principle per site for the week"],
    off: ["Never", "no cards anywhere"],
  } as Record<"daily" | "weekly" | "off", readonly [string, string]>,
  noSites: "No reminder sites yet. Add the tools you share, like Jira or Slack.",
  siteOfPartnership: "Partnership",
  siteAddedByYou: "Added by you",
  sitePaused: "Allowed (paused)",
  siteOn: "Reminding",
  siteOff: "Not allowed",
  stopOn: "Stop reminders on {site}",
  allowOn: "Allow reminders on {site}",
  stop: "Stop",
  allow: "Allow",
  removeSite: "Remove {site}",
  remove: "Remove",
  restoreSites: "Restore the partnership's own sites",
  badSite: "Use a site pattern like https://*.atlassian.net/* or https://app.slack.com/*",
  addSite: "Add a site",
  addSiteFor: " for {name}",
  addAndAllow: "Add and allow",

  // Survey page.
  surveyTitle: "Survey · {name} · Accord",
  answeringAs: "Answering as {name}",
  openFromToolbar: "Open this survey from the Accord button in your toolbar, after pairing the extension.",
};

export type Words = typeof en;

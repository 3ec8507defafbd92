/** The extension's German words, key for key as in en.ts; words the widget has come from its German catalogue. */
import { de as widget } from "@accord/widget/i18n/de";
import type { Words } from "./en";

export const de: Words = {
  lang: "de",
  name: "Deutsch",
  language: "Sprache",

  scale: widget.performanceScale,
  pulseQuestion: widget.pulseQuestion,
  joinedLate: widget.joinedLate,
  progress: widget.progress,
  openUntil: widget.closesOn,
  survey: widget.survey,
  noPrinciples: widget.noPrinciples,

  partnership: "Partnerschaft",
  offline:
    "Sie sind offline. Hier steht, was Accord zuletzt geschickt hat; Bewertungen werden aufbewahrt und gesendet, sobald Sie wieder online sind.",
  noneShown: "Keine Partnerschaft wird angezeigt. Wählen Sie welche in den {settings} aus.",
  settingsLink: "Einstellungen",
  settings: "Einstellungen",
  loadingPartnership: "{name} wird geladen…",
  yourPartnership: "Ihre Partnerschaft",
  updating: "Wird aktualisiert…",
  updated: "Aktualisiert {ago}",
  justNow: "gerade eben",
  heroTitle: "Die Prinzipien Ihrer Partnerschaft im Blick",
  heroText:
    "Verbinden Sie diesen Browser mit Accord: Sie sehen Ihre Prinzipien, beantworten Pulse mit einem Klick und werden in den gemeinsam genutzten Tools behutsam erinnert.",
  pair: "Mit Accord verbinden",
  pulse: "Puls",
  noPulse: "In dieser Partnerschaft ist gerade kein Puls offen.",
  rateFailed:
    "Accord konnte Ihre Bewertung nicht annehmen. Öffnen Sie die Einstellungen und melden Sie sich erneut an.",
  cancelled: "Abgebrochen. Nichts wurde gesendet.",
  tooLate: "Zu spät zum Rückgängigmachen: Sie ist schon gesendet. Wählen Sie eine andere Antwort, um sie zu ändern.",
  sendingSoon: "„{label}“ wird gleich gesendet.",
  savedOffline: "Sie sind offline. „{label}“ ist hier gespeichert und wird gesendet, sobald Sie wieder online sind.",
  sending: "Wird gesendet…",
  thanks: "Danke! Ihre Antwort: „{label}“.",
  youSaid: "Ihre Antwort: „{label}“. Wählen Sie eine andere, um sie zu ändern.",
  undo: "Rückgängig",
  surveys: "Umfragen für Sie",
  continue: "Fortsetzen",
  rateNow: "Jetzt bewerten",
  principles: "Unsere Prinzipien",
  agreed: "{n} vereinbart",
  actions: "Meine offenen Maßnahmen",
  noActions: "Ihnen ist nichts zugewiesen.",
  improve: "Verbessern",
  celebrate: "Würdigen",
  status: { open: "Offen", in_progress: "In Arbeit" },
  due: "fällig am {date}",
  overdue: "Überfällig seit {date}",

  notices: {
    signedOut:
      "Ihre Anmeldung ist beendet (das Token wurde widerrufen oder ist abgelaufen). Verbinden Sie die Erweiterung erneut.",
    pulseClosed: "Ihre Bewertung konnte nicht gespeichert werden: Der Puls ist beendet.",
    joinedLate:
      "Ihre Bewertung konnte nicht gespeichert werden: Sie sind nach dem Start dieses Pulses dazugekommen und antworten ab dem nächsten.",
    refused: "Ihre Bewertung konnte nicht gespeichert werden: {reason}",
  },

  badge: { one: "Accord: {n} Bewertung wartet auf Sie", other: "Accord: {n} Bewertungen warten auf Sie" },

  card: {
    today: "Unser Prinzip heute",
    week: "Unser Prinzip diese Woche",
    rate: "Bewerten, wie wir es leben",
    snooze: "Eine Woche pausieren",
    dismiss: "Für heute ausblenden",
    dismissWeek: "Für diese Woche ausblenden",
  },

  optionsTitle: "Accord-Einstellungen",
  optionsSubtitle: "Einstellungen der Erweiterung",
  optionsHeading: "Einstellungen der Accord-Erweiterung",
  privacy:
    "Ihre Anmeldung bleibt im Erweiterungsspeicher dieses Browsers und geht nur an Ihr Accord. Erinnerungskarten zeigt die Erweiterung selbst: Die besuchten Websites erfahren nichts, und Accord erfährt nichts über sie.",
  account: "Konto",
  signedInAs: "Angemeldet als {name} · {organization}",
  accordAt: "Accord unter {address}",
  signOut: "Abmelden",
  pairHelp:
    "Öffnen Sie in der Accord-Konsole {where} und erstellen Sie einen Anmeldecode, oder nutzen Sie den Code, den Sie von Ihrer Moderation bekommen haben. Ein Code gilt einmal, 10 Minuten lang.",
  pairWhere: "Konto → Browser-Erweiterung verbinden",
  apiAddress: "API-Adresse",
  apiAddressHint:
    "Die Adresse Ihres Accord, wie die Konsole sie zeigt. Der Browser fragt, ob die Erweiterung diese Adresse erreichen darf – nur diese.",
  signInCode: "Anmeldecode",
  signIn: "Anmelden",
  signingIn: "Anmeldung läuft…",
  signInProblems: {
    address:
      "Geben Sie die API-Adresse Ihres Accord ein, etwa https://accord.example.com (einfaches http nur für 127.0.0.1 oder localhost).",
    code: "Geben Sie den Anmeldecode ein, den Accord Ihnen gezeigt hat.",
    denied:
      "Die Erweiterung braucht Zugriff auf {origin}, um mit Accord zu sprechen. Erlauben Sie ihn, wenn Ihr Browser fragt.",
    noAnswer: "Die Erweiterung hat nicht geantwortet. Laden Sie die Seite neu und versuchen Sie es noch einmal.",
    noPrompt: "Ihr Browser hat die Zugriffsfrage nicht gestellt. Versuchen Sie es noch einmal.",
    unreachable: "{origin} ist nicht erreichbar. Prüfen Sie die Adresse und Ihre Verbindung.",
    rateLimited: "Zu viele Versuche. Warten Sie eine Minute und versuchen Sie es dann noch einmal.",
    invalidCode: "Dieser Anmeldecode ist unbekannt, schon benutzt oder abgelaufen. Bitten Sie um einen neuen.",
  },
  partnerships: "Partnerschaften",
  noPartnerships: "Sie sind noch in keiner aktiven Partnerschaft.",
  showInToolbar: "In der Symbolleiste zeigen",
  roles: { facilitator: "Moderation", member: "Mitglied" },
  reminders: "Erinnerungen",
  remindersHelp:
    "In den Tools, die Sie mit Ihren Partnern teilen, zeigt eine kleine Karte eines Ihrer vereinbarten Prinzipien. Sie erscheint nur auf den Websites, die Sie hier erlauben; der Browser fragt Sie für jede einzeln.",
  howOften: "Wie oft",
  frequencies: {
    daily: ["Einmal am Tag", "ein Prinzip pro Tag auf jeder Website, bis Sie es ausblenden"],
    weekly: ["Einmal pro Woche", "ein Prinzip pro Website für die Woche"],
    off: ["Nie", "nirgends Karten"],
  },
  noSites: "Noch keine Erinnerungs-Websites. Fügen Sie die gemeinsamen Tools hinzu, etwa Jira oder Slack.",
  siteOfPartnership: "Partnerschaft",
  siteAddedByYou: "Von Ihnen hinzugefügt",
  sitePaused: "Erlaubt (pausiert)",
  siteOn: "Erinnert",
  siteOff: "Nicht erlaubt",
  stopOn: "Erinnerungen auf {site} beenden",
  allowOn: "Erinnerungen auf {site} erlauben",
  stop: "Beenden",
  allow: "Erlauben",
  removeSite: "{site} entfernen",
  remove: "Entfernen",
  restoreSites: "Die Websites der Partnerschaft wiederherstellen",
  badSite: "Nutzen Sie ein Website-Muster wie https://*.atlassian.net/* oder https://app.slack.com/*",
  addSite: "Website hinzufügen",
  addSiteFor: " für {name}",
  addAndAllow: "Hinzufügen und erlauben",

  surveyTitle: "Umfrage · {name} · Accord",
  answeringAs: "Sie antworten als {name}",
  openFromToolbar:
    "Öffnen Sie diese Umfrage über die Accord-Schaltfläche in Ihrer Symbolleiste, nachdem Sie die Erweiterung verbunden haben.",
};

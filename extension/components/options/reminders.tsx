/**
 * Reminder sites per partnership (its settings, edited by the person) and how often the card shows.
 * Each site's host permission is asked for when the person allows it, one site at a time.
 */
import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { browser } from "wxt/browser";
import { originPattern } from "@/utils/api/client";
import { fill, type Words } from "@/utils/i18n";
import { effectiveSites, isSitePattern, sitePermission } from "@/utils/reminders/sites";
import {
  type PartnershipView,
  type ReminderFrequency,
  type ReminderSettings,
  reminderSettingsItem,
} from "@/utils/storage";

const FREQUENCIES: ReminderFrequency[] = ["daily", "weekly", "off"];

interface Props {
  t: Words;
  views: PartnershipView[];
  settings: ReminderSettings;
  apiAddress: string;
}

export function Reminders({ t, views, settings, apiAddress }: Props) {
  const granted = useSignal<Record<string, boolean>>({});
  const patterns = [...new Set(views.flatMap((v) => effectiveSites(v, settings)))];
  const key = patterns.join("\n");

  useEffect(() => {
    let live = true;
    const check = async () => {
      const entries = await Promise.all(
        patterns.map(async (p) => [p, await browser.permissions.contains({ origins: [sitePermission(p)] })] as const),
      );
      if (live) granted.value = Object.fromEntries(entries);
    };
    void check();
    browser.permissions.onAdded.addListener(check);
    browser.permissions.onRemoved.addListener(check);
    return () => {
      live = false;
      browser.permissions.onAdded.removeListener(check);
      browser.permissions.onRemoved.removeListener(check);
    };
  }, [key]);

  const setFrequency = (frequency: ReminderFrequency) => void reminderSettingsItem.setValue({ ...settings, frequency });

  return (
    <section class="panel" aria-labelledby="reminders-heading">
      <h2 id="reminders-heading">{t.reminders}</h2>
      <p class="muted">{t.remindersHelp}</p>
      <fieldset class="choices">
        <legend>{t.howOften}</legend>
        {FREQUENCIES.map((f) => {
          const [label, hint] = t.frequencies[f];
          return (
            <label key={f} class="choice">
              <input
                type="radio"
                name="frequency"
                value={f}
                checked={settings.frequency === f}
                onChange={() => setFrequency(f)}
              />
              <span>
                {label} <span class="muted small">({hint})</span>
              </span>
            </label>
          );
        })}
      </fieldset>
      {views.map((view) => (
        <SiteGroup
          key={view.id}
          t={t}
          view={view}
          settings={settings}
          granted={granted.value}
          apiPermission={apiAddress ? originPattern(apiAddress) : null}
          disabled={settings.frequency === "off"}
        />
      ))}
    </section>
  );
}

interface GroupProps {
  t: Words;
  view: PartnershipView;
  settings: ReminderSettings;
  granted: Record<string, boolean>;
  apiPermission: string | null;
  disabled: boolean;
}

function SiteGroup({ t, view, settings, granted, apiPermission, disabled }: GroupProps) {
  const edits = settings.sites[view.id] ?? { added: [], removed: [] };
  const sites = effectiveSites(view, settings);
  const save = (next: { added: string[]; removed: string[] }) =>
    reminderSettingsItem.setValue({ ...settings, sites: { ...settings.sites, [view.id]: next } });

  const allow = (pattern: string) => void browser.permissions.request({ origins: [sitePermission(pattern)] });
  const stop = (pattern: string) => {
    const permission = sitePermission(pattern);
    // The API's own address stays reachable even if a reminder site shares its host.
    if (permission !== apiPermission) void browser.permissions.remove({ origins: [permission] }).catch(() => false);
  };
  const remove = (pattern: string) => {
    stop(pattern);
    void save({
      added: edits.added.filter((s) => s !== pattern),
      removed: view.reminderSites.includes(pattern) ? [...edits.removed, pattern] : edits.removed,
    });
  };

  return (
    <div class="site-group">
      <h3>{view.name}</h3>
      {sites.length === 0 ? (
        <p class="muted small">{t.noSites}</p>
      ) : (
        <ul class="sites">
          {sites.map((pattern) => {
            const on = granted[pattern] === true;
            return (
              <li key={pattern} class="site">
                <code class="site-pattern">{pattern}</code>
                <span class="tag">{view.reminderSites.includes(pattern) ? t.siteOfPartnership : t.siteAddedByYou}</span>
                <span class={on && !disabled ? "status status-on" : "status"}>
                  {on ? (disabled ? t.sitePaused : t.siteOn) : t.siteOff}
                </span>
                <button
                  type="button"
                  class="btn btn-small"
                  aria-label={fill(on ? t.stopOn : t.allowOn, { site: pattern })}
                  onClick={() => (on ? stop(pattern) : allow(pattern))}
                >
                  {on ? t.stop : t.allow}
                </button>
                <button
                  type="button"
                  class="btn btn-small btn-quiet"
                  aria-label={fill(t.removeSite, { site: pattern })}
                  onClick={() => remove(pattern)}
                >
                  {t.remove}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <AddSite
        t={t}
        id={view.id}
        name={view.name}
        onAdd={(pattern) =>
          save({
            added: view.reminderSites.includes(pattern) ? edits.added : [...edits.added, pattern],
            removed: edits.removed.filter((s) => s !== pattern),
          })
        }
      />
      {edits.removed.length > 0 && (
        <button type="button" class="btn-link small" onClick={() => void save({ added: edits.added, removed: [] })}>
          {t.restoreSites}
        </button>
      )}
    </div>
  );
}

function AddSite({
  t,
  id,
  name,
  onAdd,
}: {
  t: Words;
  id: string;
  name: string;
  onAdd: (pattern: string) => Promise<void>;
}) {
  const value = useSignal("");
  const error = useSignal<string | null>(null);
  const inputId = `add-site-${id}`;
  const submit = (event: Event) => {
    event.preventDefault();
    const pattern = value.value.trim();
    if (!isSitePattern(pattern)) {
      error.value = t.badSite;
      return;
    }
    error.value = null;
    // Asked in the click itself; the site is kept either way and can be allowed later.
    const asked = browser.permissions.request({ origins: [sitePermission(pattern)] }).catch(() => false);
    void onAdd(pattern).then(() => asked);
    value.value = "";
  };
  return (
    <form class="add-site" onSubmit={submit} noValidate>
      <label for={inputId}>
        {t.addSite}
        <span class="visually-hidden">{fill(t.addSiteFor, { name })}</span>
      </label>
      <div class="add-site-row">
        <input
          id={inputId}
          placeholder="https://*.atlassian.net/*"
          spellcheck={false}
          value={value.value}
          aria-invalid={error.value ? true : undefined}
          aria-describedby={error.value ? `${inputId}-error` : undefined}
          onInput={(e) => {
            value.value = (e.currentTarget as HTMLInputElement).value;
          }}
        />
        <button type="submit" class="btn btn-small">
          {t.addAndAllow}
        </button>
      </div>
      {error.value && (
        <p id={`${inputId}-error`} class="field-error" role="alert">
          {error.value}
        </p>
      )}
    </form>
  );
}

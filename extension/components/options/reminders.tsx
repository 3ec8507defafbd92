/**
 * Reminder sites per partnership (its settings, edited by the person) and how often the card shows.
 * Each site's host permission is asked for when the person allows it, one site at a time.
 */
import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { browser } from "wxt/browser";
import { originPattern } from "@/utils/api/client";
import { effectiveSites, isSitePattern, sitePermission } from "@/utils/reminders/sites";
import {
  type PartnershipView,
  type ReminderFrequency,
  type ReminderSettings,
  reminderSettingsItem,
} from "@/utils/storage";

const FREQUENCIES: { value: ReminderFrequency; label: string; hint: string }[] = [
  { value: "daily", label: "Once a day", hint: "a principle a day on each site, until you dismiss it" },
  { value: "weekly", label: "Once a week", hint: "one principle per site for the week" },
  { value: "off", label: "Never", hint: "no cards anywhere" },
];

interface Props {
  views: PartnershipView[];
  settings: ReminderSettings;
  apiAddress: string;
}

export function Reminders({ views, settings, apiAddress }: Props) {
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
      <h2 id="reminders-heading">Reminders</h2>
      <p class="muted">
        On the tools you share with your partners, a small card shows one of your agreed principles. It appears only on
        the sites you allow here; the browser asks you for each one.
      </p>
      <fieldset class="choices">
        <legend>How often</legend>
        {FREQUENCIES.map((f) => (
          <label key={f.value} class="choice">
            <input
              type="radio"
              name="frequency"
              value={f.value}
              checked={settings.frequency === f.value}
              onChange={() => setFrequency(f.value)}
            />
            <span>
              {f.label} <span class="muted small">({f.hint})</span>
            </span>
          </label>
        ))}
      </fieldset>
      {views.map((view) => (
        <SiteGroup
          key={view.id}
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
  view: PartnershipView;
  settings: ReminderSettings;
  granted: Record<string, boolean>;
  apiPermission: string | null;
  disabled: boolean;
}

function SiteGroup({ view, settings, granted, apiPermission, disabled }: GroupProps) {
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
        <p class="muted small">No reminder sites yet. Add the tools you share, like Jira or Slack.</p>
      ) : (
        <ul class="sites">
          {sites.map((pattern) => {
            const on = granted[pattern] === true;
            return (
              <li key={pattern} class="site">
                <code class="site-pattern">{pattern}</code>
                <span class="tag">{view.reminderSites.includes(pattern) ? "Partnership" : "Added by you"}</span>
                <span class={on && !disabled ? "status status-on" : "status"}>
                  {on ? (disabled ? "Allowed (paused)" : "Reminding") : "Not allowed"}
                </span>
                <button
                  type="button"
                  class="btn btn-small"
                  aria-label={`${on ? "Stop reminders on" : "Allow reminders on"} ${pattern}`}
                  onClick={() => (on ? stop(pattern) : allow(pattern))}
                >
                  {on ? "Stop" : "Allow"}
                </button>
                <button
                  type="button"
                  class="btn btn-small btn-quiet"
                  aria-label={`Remove ${pattern}`}
                  onClick={() => remove(pattern)}
                >
                  Remove
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <AddSite
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
          Restore the partnership's own sites
        </button>
      )}
    </div>
  );
}

function AddSite({ id, name, onAdd }: { id: string; name: string; onAdd: (pattern: string) => Promise<void> }) {
  const value = useSignal("");
  const error = useSignal<string | null>(null);
  const inputId = `add-site-${id}`;
  const submit = (event: Event) => {
    event.preventDefault();
    const pattern = value.value.trim();
    if (!isSitePattern(pattern)) {
      error.value = "Use a site pattern like https://*.atlassian.net/* or https://app.slack.com/*";
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
        Add a site<span class="visually-hidden"> for {name}</span>
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
          Add and allow
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

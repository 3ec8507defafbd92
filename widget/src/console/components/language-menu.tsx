/** The language menu: English or Deutsch, remembered on this browser. */
import "./language-menu.css";
import { useId } from "preact/hooks";
import { isLanguage, LANGUAGE_NAMES, LANGUAGES, language, setLanguage, useT } from "../i18n";

export function LanguageMenu(props: { class?: string }) {
  const t = useT();
  const id = useId();
  return (
    <div class={`language-menu ${props.class ?? ""}`}>
      <label for={id}>{t.language.label}</label>
      <select
        id={id}
        value={language.value}
        onChange={(e) => {
          const next = (e.target as HTMLSelectElement).value;
          if (isLanguage(next)) void setLanguage(next);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}

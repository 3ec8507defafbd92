import { useT } from "../i18n";
import { useTitle } from "../title";
import { EmptyState, PageHeader } from "./ui";

export function NotFoundScreen(props: { what?: "page" | "partnership" | "organization" }) {
  const t = useT().notFound;
  useTitle(t.title);
  const what = t[props.what ?? "page"];
  return (
    <>
      <PageHeader title={what.heading} />
      <EmptyState
        title={what.lead}
        action={
          <a class="btn btn-primary" href="/">
            {t.home}
          </a>
        }
      >
        <p>{t.why}</p>
      </EmptyState>
    </>
  );
}

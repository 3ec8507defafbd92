import { useTitle } from "../title";
import { EmptyState, PageHeader } from "./ui";

export function NotFoundScreen(props: { what?: string }) {
  useTitle("Not found");
  const what = props.what ?? "page";
  return (
    <>
      <PageHeader title={`This ${what} is not here`} />
      <EmptyState
        title={`We couldn't find that ${what}.`}
        action={
          <a class="btn btn-primary" href="/">
            Go to your home page
          </a>
        }
      >
        <p>It may have been removed, the link may be mistyped, or you may not have access to it.</p>
      </EmptyState>
    </>
  );
}

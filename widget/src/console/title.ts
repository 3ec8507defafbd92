import { useEffect } from "preact/hooks";

/** Sets the document title for the screen: "Results · Northwind × Acme · Accord". */
export function useTitle(...parts: (string | null | undefined)[]) {
  const title = [...parts.filter(Boolean), "Accord"].join(" · ");
  useEffect(() => {
    document.title = title;
  }, [title]);
}

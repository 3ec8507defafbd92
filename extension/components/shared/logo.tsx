/** Accord's mark: two rings that overlap, two partners agreeing (the same as widget/src/console/favicon.svg; brand colours from widget/src/ui/tokens.css). */
export function Logo({ size = 22 }: { size?: number }) {
  return (
    <svg viewBox="0 0 24 24" width={size} height={size} aria-hidden="true" focusable="false">
      <rect width="24" height="24" rx="6" fill="#3730a3" />
      <circle cx="9.5" cy="12" r="4.6" fill="none" stroke="#ffffff" stroke-width="2.1" />
      <circle cx="14.5" cy="12" r="4.6" fill="none" stroke="#a5b4fc" stroke-width="2.1" />
    </svg>
  );
}

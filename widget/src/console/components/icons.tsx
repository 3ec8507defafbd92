/** Line icons for the navigation: 20 × 20, stroked with the current colour, hidden from screen readers. */
const PATHS = {
  home: "M3 9.5 10 4l7 5.5V16a1 1 0 0 1-1 1h-3.5v-4.5h-5V17H4a1 1 0 0 1-1-1Z",
  principles: "M4 5h12M4 10h12M4 15h7M14 14l1.5 1.5L18 13",
  cycles: "M16 10a6 6 0 1 1-1.8-4.3M16 3.5v3.2h-3.2",
  surveys: "M7 4h6v2.5H7zM5.5 5H4v12h12V5h-1.5M7 10.5l1.6 1.6L12.5 8.5M7 14.5h6",
  results: "M4 16V9M8.5 16V4M13 16v-5M17 16H3",
  actions: "M5 17V3.5M5 4h9l-2 3 2 3H5",
  people:
    "M7.5 9a2.75 2.75 0 1 0 0-5.5 2.75 2.75 0 0 0 0 5.5ZM2.5 16.5c.4-3 2.4-4.5 5-4.5s4.6 1.5 5 4.5M13 4a2.5 2.5 0 0 1 0 5M14.5 12.2c1.7.5 2.8 1.9 3 4.3",
  settings: "M4 6h5M13 6h3M4 14h2M10 14h6M11 4v4M8 12v4",
  embed: "M7 6l-4 4 4 4M13 6l4 4-4 4M11 4.5 9 15.5",
  audit: "M10 6v4l2.5 1.5M3.5 10a6.5 6.5 0 1 0 2-4.7M3.5 3.5v2.8h2.8",
  organization:
    "M4 17V4.5h8V17M12 8.5h4V17M3 17h14M6.5 7.5h1.5M6.5 10.5h1.5M6.5 13.5h1.5M9 7.5h.5M9 10.5h.5M14 11.5h.5M14 14h.5",
  account: "M10 9.5a3 3 0 1 0 0-6 3 3 0 0 0 0 6ZM4 17c.5-3.5 2.9-5 6-5s5.5 1.5 6 5",
  signOut: "M8 4H4.5v12H8M12 6.5 15.5 10 12 13.5M15.5 10H8",
  menu: "M3.5 5.5h13M3.5 10h13M3.5 14.5h13",
  plus: "M10 4v12M4 10h12",
  external: "M11 4h5v5M16 4l-7 7M8.5 5H4v11h11v-4.5",
} as const;

export type IconName = keyof typeof PATHS;

export function Icon(props: { name: IconName; class?: string }) {
  return (
    <svg
      class={`icon${props.class ? ` ${props.class}` : ""}`}
      viewBox="0 0 20 20"
      width="20"
      height="20"
      fill="none"
      stroke="currentColor"
      stroke-width="1.6"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[props.name]} />
    </svg>
  );
}

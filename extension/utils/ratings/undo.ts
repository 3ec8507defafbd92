/**
 * How long "Undo" can cancel a pulse click before it is sent. The browser tests' build
 * (ACCORD_EXTENSION_TEST=1) shortens it, so tests that wait the window out stay quick.
 */
export const UNDO_WINDOW_MS = { release: 4000, testBuild: 1500 } as const;

// electron.vite.config.ts replaces this identifier with the commit the build was made from
// (`git rev-parse --short HEAD`, "-dirty" when tracked files had changes). Code run from source (vitest)
// was not built, so it has no commit to name.
declare const __EMBEDDED_CONSOLE_COMMIT__: string | undefined;

/** The commit this build was made from, or "unknown" (built outside a git checkout, or not built). */
export const BUILD_COMMIT: string = typeof __EMBEDDED_CONSOLE_COMMIT__ === 'string' ? __EMBEDDED_CONSOLE_COMMIT__ : 'unknown';

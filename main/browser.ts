import { spawn } from 'node:child_process';
import path from 'node:path';
import { createCore } from './core';
import { browserSenderPolicy, startBrowserServer } from './shell/browser-server';
import { parseShellArgs } from './shell/cli-args';
import { startFailure } from './shell/start-failure';
import { lockDataFolder } from './services/storage/data-folder-lock';
import { browserShellDataDir } from './services/storage/user-data-dir';

/** Opens the URL in the user's browser; failure is fine, the URL is printed anyway. */
function openInBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(command, [url], { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // printed below; nothing else to do
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseShellArgs(process.argv.slice(2).filter((arg) => arg !== '--browser'));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const userDataDir = browserShellDataDir();
  let lock;
  try {
    lock = await lockDataFolder(userDataDir);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  const core = createCore({ shell: 'browser', userDataDir, draftsDir: process.env.EMBEDDED_CONSOLE_DRAFTS_DIR || undefined });
  const server = await startBrowserServer({
    router: core.createRouter(browserSenderPolicy),
    rendererDir: path.join(__dirname, '../renderer'),
    port: args.port,
    // The renderer frames the widget preview host (never the widget itself): its CSP names that origin.
    frameSources: () => core.widget.rendererFrameSources(),
    // Only bugs land here (a request is always answered or cut first); the request's bytes are never logged.
    onInternalError: (error) => console.error(`Browser shell: a request failed inside the console: ${describeError(error)}`),
  });
  // The preview host (and the sandbox's stand-in widget) may be framed by this shell's page. This
  // starts the preview host before the URL is printed, so the first page's CSP already names it.
  // If it cannot start, the console runs without the widget preview (frame-src 'none').
  await core.widget
    .allowEmbedder(server.origin)
    .catch((error: unknown) => console.error(`Browser shell: the widget preview host did not start: ${describeError(error)}`));
  console.log('Embedded Console (browser shell) is running. Open this URL; it carries this launch’s secret:');
  console.log(server.launchUrl);
  if (args.open) openInBrowser(server.launchUrl);

  // Ctrl-C waits for queued user-data writes, but never hangs on a stuck close (5 s at most).
  const stop = () => {
    const closing = Promise.all([server.close(), core.close()]).then(() => lock.release());
    const limit = new Promise((resolve) => setTimeout(resolve, 5_000).unref());
    void Promise.race([closing, limit])
      .catch((error: unknown) => console.error(`Closing failed: ${describeError(error)}`))
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(startFailure(error, process.argv.slice(2)));
  process.exit(1);
});

/**
 * The browser shell's wire protocol, shared by its server (main) and its client (renderer):
 * `POST /ipc/<channel>` with `{input}` and the per-launch secret in this header.
 */
export const IPC_PATH_PREFIX = '/ipc/';
export const LAUNCH_SECRET_HEADER = 'x-console-secret';

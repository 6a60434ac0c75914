import { redactText } from './http/redaction';

export type LogSink = (line: string) => void;

/**
 * The main process's only way to print. Every line passes through redaction, so a token inside a
 * library's error text, a stack or a URL never reaches a terminal or a log file.
 */
export function createLogger(sink: LogSink = (line) => console.error(line)) {
  return {
    error(scope: string, message: string, error?: unknown): void {
      const detail = error === undefined ? '' : ` ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
      sink(redactText(`[${scope}] ${message}${detail}`));
    },
    info(scope: string, message: string): void {
      sink(redactText(`[${scope}] ${message}`));
    },
  };
}

export type Logger = ReturnType<typeof createLogger>;

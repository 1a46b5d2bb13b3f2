import type { Logger } from 'pino';

/**
 * Runs a background task every `intervalMs`, one pass at a time (a pass still running when the
 * next tick comes is not doubled), without keeping the process alive; a failed pass is logged and
 * the next one runs as usual. Returns the function that stops it.
 */
export function every(intervalMs: number, task: () => Promise<unknown>, log: Logger | null, what: string): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    task().catch((err: unknown) => log?.warn({ err }, `${what} failed`)).finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

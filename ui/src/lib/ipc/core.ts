/**
 * How the UI calls the app: the generated bindings (`../bindings.ts`, made from the Rust
 * types by `make bindings`) with one error shape. Every call rejects with a
 * {@link CommandError} (an `Error` carrying the app's `{ code, message }`), whatever shape
 * the rejection had on the wire.
 */
export { commands } from '../bindings';
export type { Code } from '../bindings';

/**
 * A value as the app sends it. The bindings type what the app accepts, where fields with a
 * default may be left out; what it sends has every field, except the `Optional` ones (those
 * it leaves out when empty).
 */
export type Sent<T, Optional extends keyof T = never> = T extends (infer U)[]
  ? Sent<U>[]
  : T extends object
    ? { [K in Exclude<keyof T, Optional>]-?: Sent<Exclude<T[K], undefined>> } & { [K in Optional]?: T[K] }
    : T;

/** The error shape every command rejects with. */
export interface CommandErrorPayload {
  code: string;
  message: string;
}

export class CommandError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'CommandError';
    this.code = code;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Normalises anything a rejected command (or our own code) can throw. */
export function toCommandError(error: unknown): CommandError {
  if (error instanceof CommandError) return error;
  if (isRecord(error) && typeof error.message === 'string') {
    const code = typeof error.code === 'string' ? error.code : 'unknown';
    return new CommandError(code, error.message);
  }
  if (typeof error === 'string' && error.length > 0) return new CommandError('unknown', error);
  return new CommandError('unknown', 'Something went wrong. Please try again.');
}

/** True when the Tauri IPC bridge (or a test mock of it) is present. */
export function hasBackend(): boolean {
  const internals = (globalThis as { __TAURI_INTERNALS__?: { invoke?: unknown } })
    .__TAURI_INTERNALS__;
  return typeof internals?.invoke === 'function';
}

/** Runs a generated command, turning every failure into a {@link CommandError}. */
export async function run<T>(command: () => Promise<T>): Promise<T> {
  if (!hasBackend()) {
    throw new CommandError(
      'no_backend',
      'The Masthead backend is not available. Start the app with `cargo tauri dev` rather than opening the page in a browser.',
    );
  }
  try {
    return await command();
  } catch (error) {
    throw toCommandError(error);
  }
}

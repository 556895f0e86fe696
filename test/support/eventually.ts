/**
 * The one way tests wait for something asynchronous: polls `condition` until it holds, and fails after
 * `timeoutMs` saying what it waited for and, when given, what `state` showed at that moment.
 */
export interface EventuallyOptions {
  /** What is awaited, for the failure's message (a function is asked only on failure). */
  readonly what?: string | (() => string);
  /** What the test can see of the system when it gives up (logged as JSON). */
  readonly state?: () => unknown;
  readonly timeoutMs?: number;
  readonly everyMs?: number;
}

export async function eventually(condition: () => boolean | Promise<boolean>, options: EventuallyOptions = {}): Promise<void> {
  const { timeoutMs = 10_000, everyMs = 20 } = options;
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      const what = typeof options.what === 'function' ? options.what() : (options.what ?? 'the condition');
      const state = options.state ? `; then: ${JSON.stringify(await options.state())}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${state}`);
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

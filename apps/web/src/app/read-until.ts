/**
 * Reads a read model again until a change just stored shows in it: a read model follows the store a moment behind
 * a command's answer. Tries for about three seconds; the last answer that showed it, or undefined.
 */
export async function readUntil<T>(read: () => Promise<{ data?: T }>, shows: (data: T) => boolean): Promise<T | undefined> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const { data } = await read();
    if (data !== undefined && shows(data)) return data;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return undefined;
}

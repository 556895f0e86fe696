export default async function kurrentDbGlobalTeardown(): Promise<void> {
  await globalThis.salesOpsKurrentDb?.stop();
}

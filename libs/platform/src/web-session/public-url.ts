/**
 * The address browsers use: PUBLIC_URL, else http://localhost:<the port the app listens on> (known once it
 * listens: bootstrapApp tells it).
 */
export class PublicUrl {
  private listeningPort: number | undefined;

  constructor(readonly configured: string | undefined) {}

  listeningOn(port: number): string {
    this.listeningPort = port;
    return this.value;
  }

  get value(): string {
    if (this.configured !== undefined) return this.configured;
    if (this.listeningPort === undefined) throw new Error('the public URL is known once the app listens');
    return `http://localhost:${this.listeningPort}`;
  }
}

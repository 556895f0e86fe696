/** A small seeded generator (mulberry32): the same seed gives the same department, event for event. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A UUID in v7 layout: the given time in front, seeded bits behind, so ids sort by time and repeat by seed. */
  uuid(time: number): string {
    const hex = (value: number, length: number) => Math.floor(value).toString(16).padStart(length, '0').slice(-length);
    const random = () => hex(this.next() * 0x10000, 4);
    const ms = hex(time, 12);
    return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${random().slice(1)}-${((this.int(8, 11) << 12) | this.int(0, 0xfff)).toString(16)}-${random()}${random()}${random()}`;
  }
}

/** The sandbox's notion of now; tests move it forward (`POST /__sandbox/clock`) to expire tokens. */
export class SandboxClock {
  private offsetMs = 0;

  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  iso(): string {
    return new Date(this.nowMs()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }
}

const SOUND_KEY = 'dinewire.kitchen.sound';

/**
 * The new-ticket chime (two short Web Audio tones). Browsers keep audio locked until someone
 * taps the page, so the state the screen shows is: `on`, `locked` (wanted, waiting for a tap)
 * or `off` (muted on purpose, remembered on this screen).
 */
export class Chime {
  #context: AudioContext | null = null;
  #wanted = $state(true);
  #running = $state(false);

  constructor() {
    try {
      this.#wanted = localStorage.getItem(SOUND_KEY) !== 'off';
    } catch {
      // Storage refused: sound wanted, as by default.
    }
  }

  get state(): 'on' | 'locked' | 'off' {
    if (!this.#wanted) return 'off';
    return this.#running ? 'on' : 'locked';
  }

  /** The sound button, and any tap on the screen while locked (a user gesture unlocks audio). */
  unlock(): void {
    if (!this.#wanted || this.#running) return;
    const context = this.#audio();
    if (!context) return;
    void context.resume().then(() => (this.#running = context.state === 'running'));
  }

  /** The sound button: on ↔ off (a locked chime is unlocked by the same tap). */
  toggle(): void {
    if (this.state === 'locked') {
      this.unlock();
      return;
    }
    this.#wanted = !this.#wanted;
    try {
      localStorage.setItem(SOUND_KEY, this.#wanted ? 'on' : 'off');
    } catch {
      // Lasts until reload.
    }
    if (this.#wanted) {
      this.unlock();
      this.play();
    }
  }

  play(): void {
    if (this.state !== 'on' || !this.#context) return;
    const context = this.#context;
    const start = context.currentTime;
    for (const [offset, frequency] of [
      [0, 880],
      [0.18, 1320],
    ] as const) {
      const osc = context.createOscillator();
      const gain = context.createGain();
      osc.type = 'sine';
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.35, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.16);
      osc.connect(gain).connect(context.destination);
      osc.start(start + offset);
      osc.stop(start + offset + 0.18);
    }
  }

  dispose(): void {
    void this.#context?.close().catch(() => undefined);
    this.#context = null;
    this.#running = false;
  }

  #audio(): AudioContext | null {
    if (this.#context) return this.#context;
    if (typeof AudioContext === 'undefined') return null;
    this.#context = new AudioContext();
    this.#context.onstatechange = () => (this.#running = this.#context?.state === 'running');
    return this.#context;
  }
}

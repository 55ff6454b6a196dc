/**
 * The pager's audible cue: a short two-tone WebAudio beep when a new page arrives. Off when the user muted it or
 * asked the system for reduced motion; the mute choice is remembered in localStorage.
 */

const MUTE_KEY = 'pagerdrill.pager.muted';

export class PagerSound {
	muted = $state(false);
	reducedMotion = $state(false);
	/** Whether a new page will beep. */
	enabled: boolean = $derived(!this.muted && !this.reducedMotion);

	#ctx: AudioContext | null = null;

	/** Reads the saved mute choice and follows the reduced-motion setting. Browser only; returns a cleanup. */
	init(): () => void {
		try {
			this.muted = localStorage.getItem(MUTE_KEY) === 'true';
		} catch {
			this.muted = false;
		}
		const media = typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;
		this.reducedMotion = media?.matches ?? false;
		const onChange = (e: MediaQueryListEvent) => (this.reducedMotion = e.matches);
		media?.addEventListener('change', onChange);
		return () => {
			media?.removeEventListener('change', onChange);
			void this.#ctx?.close();
			this.#ctx = null;
		};
	}

	toggleMute(): void {
		this.muted = !this.muted;
		try {
			localStorage.setItem(MUTE_KEY, String(this.muted));
		} catch {
			// Not persisted; the toggle still applies to this page.
		}
	}

	/** Plays the page tone (≈ 0.35 s) unless disabled or audio is unavailable. */
	beep(): void {
		if (!this.enabled || typeof AudioContext === 'undefined') return;
		try {
			this.#ctx ??= new AudioContext();
			const ctx = this.#ctx;
			if (ctx.state === 'suspended') void ctx.resume();
			const t0 = ctx.currentTime;
			for (const [i, freq] of [880, 660].entries()) {
				const osc = ctx.createOscillator();
				const gain = ctx.createGain();
				osc.type = 'sine';
				osc.frequency.value = freq;
				const start = t0 + i * 0.17;
				gain.gain.setValueAtTime(0.0001, start);
				gain.gain.exponentialRampToValueAtTime(0.18, start + 0.02);
				gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.15);
				osc.connect(gain).connect(ctx.destination);
				osc.start(start);
				osc.stop(start + 0.16);
			}
		} catch {
			// Autoplay policy or a missing audio device: the visual cue is enough.
		}
	}
}

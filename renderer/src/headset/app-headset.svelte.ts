import type { HeadsetState } from './headset-state.svelte';

/**
 * The app's one headset, once started (main.ts starts it after the first
 * drawing, off the start-up path); the Audio devices tab shows it.
 */
export const appHeadset = $state<{ current: HeadsetState | null }>({ current: null });

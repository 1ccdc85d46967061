/** Theme preference (system/light/dark) and the chart palettes that follow it. */
export * from './theme.svelte';
export * from './palette';

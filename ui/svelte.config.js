import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** Shared by Vite, svelte-check and eslint-plugin-svelte. */
export default {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
};

import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';

// The Tauri shell loads ui/dist in production and http://127.0.0.1:5173 in `tauri dev`
// (see src-tauri/tauri.conf.json), so host/port are fixed in the `dev` script.
export default defineConfig({
  plugins: [svelte(), svelteTesting()],
  clearScreen: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Fonts stay separate files: inlining them as data: URLs would bloat the JS/CSS.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1000,
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
    setupFiles: ['src/test/setup.ts'],
  },
});

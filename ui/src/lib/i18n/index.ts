/** Public face of the i18n module: dictionaries, the reactive language and `t()`. */
export * from './translate';
export { formatter, getLocale, setLocale, t } from './locale.svelte';

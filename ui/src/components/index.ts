export { default as AppShell } from './AppShell.svelte';
export { default as ConnectionIndicator } from './ConnectionIndicator.svelte';
export { default as LanguageSwitcher } from './LanguageSwitcher.svelte';
export { default as LoadError } from './LoadError.svelte';
export { default as NotFound } from './NotFound.svelte';
export { default as TopBar } from './TopBar.svelte';
export { default as PairForm, type PairFormKey } from './PairForm.svelte';

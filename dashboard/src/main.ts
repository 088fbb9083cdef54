import '@dinewire/ui/csp';
import { mount } from 'svelte';
import '@dinewire/ui/tokens.css';
import './app.css';
import App from './App.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('missing #app element in index.html');

export default mount(App, { target });

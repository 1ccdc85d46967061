/** Entry point: fonts and styles first, then the app. Theme and language apply on import. */
import '@fontsource-variable/noto-sans';
import '@fontsource-variable/noto-sans-kr';
import './styles/tokens.css';
import './styles/base.css';

import { mount } from 'svelte';

import App from './App.svelte';
import { dismissTooltipsOnAction } from './lib/app/tooltips';

const target = document.getElementById('app');
if (!target) throw new Error('Missing #app element in index.html');

dismissTooltipsOnAction(document);

export default mount(App, { target });

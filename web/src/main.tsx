import { render } from 'solid-js/web';
import { App } from './app';
import { initTheme } from './lib/theme';
import './styles.css';

initTheme();
const root = document.getElementById('app');
if (root) render(() => <App />, root);

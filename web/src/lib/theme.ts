import { createSignal } from 'solid-js';

export type Theme = 'light' | 'dark';
const KEY = 'netraven.theme';

const systemTheme = (): Theme => (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
const stored = (): Theme | null => {
  const value = localStorage.getItem(KEY);
  return value === 'light' || value === 'dark' ? value : null;
};

const [theme, setThemeSignal] = createSignal<Theme>('light');
export { theme };

/** The system's preference until the user picks one with the toggle. */
export function initTheme(): void {
  apply(stored() ?? systemTheme());
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    if (!stored()) apply(systemTheme());
  });
}

export function toggleTheme(): void {
  const next: Theme = theme() === 'dark' ? 'light' : 'dark';
  localStorage.setItem(KEY, next);
  apply(next);
}

function apply(value: Theme): void {
  document.documentElement.dataset['theme'] = value;
  setThemeSignal(value);
}

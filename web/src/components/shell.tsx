import { For, Match, Switch, type JSX } from 'solid-js';
import { A, type RouteSectionProps } from '@solidjs/router';
import { restoring, signOut, user } from '../auth/session';
import { theme, toggleTheme } from '../lib/theme';
import { SignIn } from './sign-in';
import { ChangePassword } from './change-password';

const LINKS = [
  ['/', 'Dashboard'], ['/devices', 'Devices'], ['/jobs', 'Jobs'], ['/schedules', 'Schedules'], ['/changes', 'Changes'],
  ['/search', 'Search'], ['/logs', 'Logs'], ['/credentials', 'Credentials'], ['/users', 'Users'],
  ['/tags', 'Tags'], ['/notifications', 'Notifications'], ['/policies', 'Policies'],
] as const;

function skipToContent(event: MouseEvent): void {
  event.preventDefault();
  document.getElementById('main')?.focus();
}

/** The frame of every page: navigation, theme, who is signed in; sign-in first when nobody is. */
export function Shell(props: RouteSectionProps): JSX.Element {
  return (
    <Switch>
      <Match when={restoring()}>
        <p class="centered" role="status">Loading…</p>
      </Match>
      <Match when={!user()}>
        <SignIn />
      </Match>
      <Match when={user()?.passwordChangeRequired}>
        <ChangePassword />
      </Match>
      <Match when={user()}>
        {(current) => (
          <div class="layout">
            {/* Its own listener, before the router's at the document (which would route to `/#main`, leaving focus behind). */}
            <a class="skip" href="#main" on:click={skipToContent}>Skip to content</a>
            <header class="topbar">
              <span class="brand">NetRaven</span>
              <nav aria-label="Main">
                <ul>
                  <For each={LINKS}>
                    {([href, label]) => <li><A href={href} end={href === '/'} activeClass="active">{label}</A></li>}
                  </For>
                </ul>
              </nav>
              <div class="who">
                <button type="button" class="ghost" onClick={toggleTheme} aria-label={`Switch to ${theme() === 'dark' ? 'light' : 'dark'} theme`}>
                  {theme() === 'dark' ? '☀' : '☾'}
                </button>
                <span title={current().tags.length ? `scope: ${current().tags.join(', ')}` : 'all devices'}>
                  {current().username} <small class="muted">({current().role.toLowerCase()})</small>
                </span>
                <button type="button" class="ghost" onClick={() => void signOut()}>Sign out</button>
              </div>
            </header>
            <main id="main" tabindex="-1">{props.children}</main>
          </div>
        )}
      </Match>
    </Switch>
  );
}

import { createMemo, lazy, Show } from 'solid-js';
import { Route, Router } from '@solidjs/router';
import { Provider } from '@urql/solid';
import { makeClient } from './api/client';
import { Shell } from './components/shell';
import { restoreSession, sessionEpoch } from './auth/session';

// Each page is its own chunk: the first load carries the shell and the page asked for.
const Dashboard = lazy(() => import('./pages/dashboard'));
const Devices = lazy(() => import('./pages/devices'));
const Device = lazy(() => import('./pages/device'));
const Jobs = lazy(() => import('./pages/jobs'));
const Job = lazy(() => import('./pages/job'));
const Schedules = lazy(() => import('./pages/schedules'));
const Changes = lazy(() => import('./pages/changes'));
const Search = lazy(() => import('./pages/search'));
const Logs = lazy(() => import('./pages/logs'));
const Credentials = lazy(() => import('./pages/credentials'));
const Users = lazy(() => import('./pages/users'));
const Notifications = lazy(() => import('./pages/notifications'));
const Policies = lazy(() => import('./pages/policies'));
const Tags = lazy(() => import('./pages/tags'));
const NotFound = lazy(() => import('./pages/not-found'));

void restoreSession();

export function App() {
  // A new client (empty cache) per session, and the pages mounted anew with it.
  const client = createMemo(() => (sessionEpoch(), makeClient()));
  return (
    <Show when={client()} keyed>
      {(current) => (
        <Provider value={current}>
          <Router root={Shell}>
            <Route path="/" component={Dashboard} />
            <Route path="/devices" component={Devices} />
            <Route path="/devices/:id" component={Device} />
            <Route path="/jobs" component={Jobs} />
            <Route path="/jobs/:id" component={Job} />
            <Route path="/schedules" component={Schedules} />
            <Route path="/changes" component={Changes} />
            <Route path="/search" component={Search} />
            <Route path="/logs" component={Logs} />
            <Route path="/credentials" component={Credentials} />
            <Route path="/users" component={Users} />
            <Route path="/notifications" component={Notifications} />
            <Route path="/policies" component={Policies} />
            <Route path="/tags" component={Tags} />
            <Route path="*" component={NotFound} />
          </Router>
        </Provider>
      )}
    </Show>
  );
}

import type { JSX } from 'solid-js';
import { A } from '@solidjs/router';

export default function NotFoundPage(): JSX.Element {
  return <section><h1>Not found</h1><p>No such page. <A href="/">Back to the dashboard</A>.</p></section>;
}

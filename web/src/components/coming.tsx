import type { JSX } from 'solid-js';

/** A page whose API is not served yet: says so instead of showing made-up data. */
export function ComingWithApi(props: { title: string; what: string }): JSX.Element {
  return (
    <section aria-labelledby="coming-title">
      <h1 id="coming-title">{props.title}</h1>
      <p class="empty">{props.what} Coming with the API.</p>
    </section>
  );
}

import { createSignal, Show, type JSX } from 'solid-js';
import { signIn } from '../auth/session';

export function SignIn(): JSX.Element {
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setError('');
    try {
      await signIn(String(form.get('username') ?? ''), String(form.get('password') ?? ''));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="centered">
      <form class="card narrow" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">NetRaven</h1>
        <label>Username<input name="username" autocomplete="username" required autofocus /></label>
        <label>Password<input name="password" type="password" autocomplete="current-password" required /></label>
        <Show when={error()}><p class="error" role="alert">{error()}</p></Show>
        <button type="submit" disabled={busy()}>Sign in</button>
        <p class="muted"><a href="/auth/oidc/login">Sign in with your identity provider</a> (when configured)</p>
      </form>
    </main>
  );
}

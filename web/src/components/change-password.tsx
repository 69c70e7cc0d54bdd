import { createSignal, Show, type JSX } from 'solid-js';
import { changePassword, signOut } from '../auth/session';

/** The first sign-in with a generated password must choose a new one before anything else. */
export function ChangePassword(): JSX.Element {
  const [error, setError] = createSignal('');
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setError('');
    try {
      await changePassword(String(form.get('current') ?? ''), String(form.get('next') ?? ''));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  return (
    <main class="centered">
      <form class="card narrow" onSubmit={submit}>
        <h1>Choose a new password</h1>
        <label>Current password<input name="current" type="password" autocomplete="current-password" required /></label>
        <label>New password<input name="next" type="password" autocomplete="new-password" required minlength="8" /></label>
        <Show when={error()}><p class="error" role="alert">{error()}</p></Show>
        <button type="submit">Change password</button>
        <button type="button" class="ghost" onClick={() => void signOut()}>Sign out</button>
      </form>
    </main>
  );
}

import type { JSX } from 'solid-js';
import { ComingWithApi } from '../components/coming';

export default function ChangesPage(): JSX.Element {
  return <ComingWithApi title="Changes" what="A feed of configuration changes (device, when, which job, +/− lines) opening the diff." />;
}

import type { JSX } from 'solid-js';
import { ComingWithApi } from '../components/coming';

export default function SearchPage(): JSX.Element {
  return <ComingWithApi title="Search" what="Search every device's configuration, with the matching lines in context." />;
}

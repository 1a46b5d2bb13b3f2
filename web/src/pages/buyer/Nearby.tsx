import { Page, Empty } from '../../ui/kit';

// Placeholder: this page is being built (issue 9).
export default function Nearby() {
  return <Page title="Nearby"><Empty>Coming soon.</Empty></Page>;
}

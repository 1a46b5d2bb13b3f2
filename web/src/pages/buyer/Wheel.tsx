import { Page, Empty } from '../../ui/kit';

// Placeholder: this page is being built (issue 9).
export default function Wheel() {
  return <Page title="Wheel"><Empty>Coming soon.</Empty></Page>;
}

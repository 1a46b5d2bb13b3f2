import { Page, Empty } from '../../ui/kit';

// Placeholder: this page is being built (issue 9).
export default function Ratings() {
  return <Page title="Ratings"><Empty>Coming soon.</Empty></Page>;
}

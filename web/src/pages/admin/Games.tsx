import { Page, Empty } from '../../ui/kit';

// Placeholder: this page is being built (issue 9).
export default function Games() {
  return <Page title="Games"><Empty>Coming soon.</Empty></Page>;
}

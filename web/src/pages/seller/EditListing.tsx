import { Page, Empty } from '../../ui/kit';

// Placeholder: this page is being built (issue 9).
export default function EditListing() {
  return <Page title="EditListing"><Empty>Coming soon.</Empty></Page>;
}

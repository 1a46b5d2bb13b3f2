import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiError } from './api/client';
import { App } from './App';
import './index.css';

/** A session that ended (expired, signed out elsewhere) shows as signed out: the pages then send the member to sign in. */
function onError(err: unknown) {
  if (err instanceof ApiError && (err.status === 401 || err.code === 'CSRF_TOKEN_INVALID')) client.setQueryData(['me'], null);
}

const client: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    // A refusal (4xx) will not change by asking again; a network failure may.
    queries: { retry: (count, err) => count < 2 && !(err instanceof ApiError && err.status >= 400 && err.status < 500), refetchOnWindowFocus: false },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={client}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);

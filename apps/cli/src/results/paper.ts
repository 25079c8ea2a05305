// The commission's paper results as the tools read them from the server (spec §4.4.3): the paper-results event, or
// nothing while none is on the board.
import type { EventJsonOf } from '@saylau/protocol';
import { type ApiClient, ServerError } from '../cli/client.ts';

/** The paper-results event of an election, or undefined when the board holds none (the server answers 404). */
export async function fetchPaperResults(client: ApiClient, election: string): Promise<EventJsonOf<'paper-results'> | undefined> {
  try {
    return await client.get<EventJsonOf<'paper-results'>>(`/api/elections/${election}/paper-results`, {
      what: 'reading the paper results',
    });
  } catch (error) {
    if (error instanceof ServerError && error.status === 404 && error.error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
}

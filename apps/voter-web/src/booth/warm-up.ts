// The first ballot built in a page is several times slower than the next (JIT compilation, the election key's
// table); building one throwaway ballot with a random key while the voter waits anyway keeps the real one fast.
import { randomNonZeroScalar } from '@saylau/crypto';
import { buildBallot, type ElectionContext, questionsOfStyle, styleOfDistrict } from '@saylau/protocol';

export function warmUpBallotBuilder(context: ElectionContext, district: string): void {
  const style = styleOfDistrict(context.definition, district);
  if (!style) return;
  // the fewest selections each question allows: a valid ballot whatever the limits
  const choices = Object.fromEntries(
    questionsOfStyle(context.definition, style).map((q) => [q.id, q.options.slice(0, q.minSelections).map((o) => o.id)]),
  );
  buildBallot(context, { district, choices, credentialSecret: randomNonZeroScalar() });
}

// The tamper suite (issue 6): one honest simulated election, then more than 60 kinds of change to its record, each
// re-sealed as a capable attacker would and each caught by a named check of the verifier. The cases live in one
// module per part of the record; they run in this one file so that they share the honest record and its checked
// ballot slices (harness.ts).
import './anchors.cases.ts';
import './ballots.cases.ts';
import './board.cases.ts';
import './ceremony.cases.ts';
import './processing.cases.ts';
import './replacement.cases.ts';
import './time.cases.ts';
import './witnesses.cases.ts';

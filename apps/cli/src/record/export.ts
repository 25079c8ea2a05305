// Exporting the election record (spec §7): GET /record gives the record as one document; it is written as the
// record folder with the protocol's writer, whose manifest must equal the server's, then read back and checked.
import type { BoardEventJson, RecordDocument, SignedTreeHeadJson } from '@saylau/protocol';
import { buildRecordFiles, canonicalJson, RECORD_FILES } from '@saylau/protocol';
import { nodeSha256, readRecordDir, writeRecordDir } from '@saylau/protocol/node';
import type { ApiClient } from '../cli/client.ts';
import { CliError, problemLines } from '../cli/errors.ts';

export async function exportRecord(
  client: ApiClient,
  electionId: string,
  dir: string,
): Promise<{ events: number; files: string[] }> {
  const document = await client.get<RecordDocument>(`/api/elections/${electionId}/record`, {
    what: 'reading the election record',
  });
  const files = buildRecordFiles(
    document.events as BoardEventJson[],
    document.treeHeads as SignedTreeHeadJson[],
    document.manifest.createdAt,
    { sha256: nodeSha256 },
  );
  const manifest = JSON.parse(new TextDecoder().decode(files.get(RECORD_FILES.manifest)));
  if (canonicalJson(manifest) !== canonicalJson(document.manifest)) {
    throw new CliError("the record's files do not match the server's manifest; the record was not written");
  }
  try {
    writeRecordDir(dir, files);
  } catch (error) {
    throw new CliError(`cannot write the record to ${dir}: ${(error as Error).message}`);
  }
  const read = readRecordDir(dir);
  if (!read.ok) throw new CliError(`the record written to ${dir} does not read back`, 1, problemLines(read.problems));
  return { events: document.events.length, files: [...files.keys()].sort() };
}

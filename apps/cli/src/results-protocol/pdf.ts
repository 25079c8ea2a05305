// The results protocol as a print-ready A4 PDF in one language: the election, the register, the electronic votes,
// the paper votes (attested by the commission), the counts per district and overall with shares — electronic, paper
// and combined — each validity verdict in words, the record's fingerprint and final
// head, a QR code to the published record, and a signature line per commission member. The fonts (DejaVu, which
// covers Kazakh Cyrillic) and the QR drawing are the letters' (credentials/letters-pdf.ts).
import {
  type ElectionDefinition,
  electionUtcOffset,
  formatLocalDateTime,
  formatVotingPeriod,
  isPractice,
  type Language,
  type ResultsProtocol,
  shareText,
  validPaperBallots,
} from '@saylau/protocol';
import PDFDocument from 'pdfkit';
import { drawQr, FONTS } from '../credentials/letters-pdf.ts';
import { PROTOCOL_TEXTS, verdictSentence } from './texts.ts';

const MM = 72 / 25.4;
const LEFT = 20 * MM;
const WIDTH = 210 * MM - 2 * LEFT;
const BOTTOM = 297 * MM - 16 * MM;
const GREY = '#444444';

type QuestionResult = ResultsProtocol['results']['overall'][number];

/** A district's paper figures for one question, as a question result (valid paper ballots, attested counts). */
function paperDistrict(protocol: ResultsProtocol, district: string, question: string): QuestionResult | undefined {
  const sheet = protocol.paperVoting?.districts.find((d) => d.district === district);
  const answer = sheet?.questions.find((q) => q.question === question);
  const registered = protocol.register.sizes[district] ?? 0;
  if (!sheet || !answer) return undefined;
  return { question, counts: answer.counts, ballots: validPaperBallots(sheet), registered };
}

/** Starts a new page when fewer than `needed` points are left on this one. */
function room(doc: PDFKit.PDFDocument, needed: number): void {
  if (doc.y + needed > BOTTOM) doc.addPage();
}

function heading(doc: PDFKit.PDFDocument, text: string): void {
  room(doc, 40);
  doc
    .font('bold')
    .fontSize(11)
    .fillColor('#000000')
    .text(text, LEFT, doc.y + 8, { width: WIDTH });
  doc.moveDown(0.2);
}

/** A label and its value on one row (the value wraps in its column). */
function row(doc: PDFKit.PDFDocument, labelText: string, value: string, mono = false): void {
  room(doc, 16);
  const top = doc.y;
  const labelWidth = 70 * MM;
  doc
    .font('sans')
    .fontSize(9)
    .fillColor(GREY)
    .text(labelText, LEFT, top, { width: labelWidth - 3 * MM });
  const labelBottom = doc.y;
  doc
    .font(mono ? 'mono' : 'sans')
    .fontSize(mono ? 8.5 : 9.5)
    .fillColor('#000000')
    .text(value, LEFT + labelWidth, top, { width: WIDTH - labelWidth });
  doc.y = Math.max(labelBottom, doc.y) + 2;
}

/**
 * One question's counts as a table: option, votes, share of the counted ballots; with `paper` and `combined`, the
 * electronic, paper and combined votes side by side (the share is of the combined ballots).
 */
function questionTable(
  doc: PDFKit.PDFDocument,
  definition: ElectionDefinition,
  result: QuestionResult,
  language: Language,
  paper?: QuestionResult,
  combined?: QuestionResult,
): void {
  if (paper && combined) {
    splitQuestionTable(doc, definition, result, paper, combined, language);
    return;
  }
  const t = PROTOCOL_TEXTS[language];
  const question = definition.questions.find((q) => q.id === result.question);
  room(doc, 30 + 13 * (question?.options.length ?? 1));
  doc
    .font('bold')
    .fontSize(9.5)
    .fillColor('#000000')
    .text(question?.text[language] ?? result.question, LEFT, doc.y + 4, { width: WIDTH });
  doc
    .font('sans')
    .fontSize(8.5)
    .fillColor(GREY)
    .text(t.ballotsOfQuestion(result.ballots, result.registered), LEFT, doc.y + 1, { width: WIDTH });
  const cols = [LEFT, LEFT + 110 * MM, LEFT + 140 * MM];
  const line = (cells: string[], font: string) => {
    const top = doc.y + 2;
    doc.font(font).fontSize(9).fillColor('#000000');
    doc.text(cells[0] ?? '', cols[0], top, { width: 105 * MM });
    const bottom = doc.y;
    doc.text(cells[1] ?? '', cols[1], top, { width: 28 * MM, align: 'right' });
    doc.text(cells[2] ?? '', cols[2], top, { width: 28 * MM, align: 'right' });
    doc.y = bottom;
  };
  line([t.option, t.votes, t.share], 'bold');
  for (const option of question?.options ?? []) {
    const votes = result.counts[option.id] ?? 0;
    line([option.label[language], String(votes), shareText(votes, result.ballots)], 'sans');
  }
}

function splitQuestionTable(
  doc: PDFKit.PDFDocument,
  definition: ElectionDefinition,
  e: QuestionResult,
  paper: QuestionResult,
  combined: QuestionResult,
  language: Language,
): void {
  const t = PROTOCOL_TEXTS[language];
  const question = definition.questions.find((q) => q.id === e.question);
  room(doc, 30 + 13 * (question?.options.length ?? 1));
  doc
    .font('bold')
    .fontSize(9.5)
    .fillColor('#000000')
    .text(question?.text[language] ?? e.question, LEFT, doc.y + 4, { width: WIDTH });
  doc
    .font('sans')
    .fontSize(8.5)
    .fillColor(GREY)
    .text(
      `${t.eVotes} ${e.ballots} + ${t.paperVotes.toLocaleLowerCase(language)} ${paper.ballots}: ${t.ballotsOfQuestion(combined.ballots, combined.registered)}`,
      LEFT,
      doc.y + 1,
      { width: WIDTH },
    );
  const cols = [LEFT, LEFT + 80 * MM, LEFT + 104 * MM, LEFT + 128 * MM, LEFT + 148 * MM];
  const line = (cells: string[], font: string) => {
    const top = doc.y + 2;
    doc.font(font).fontSize(9).fillColor('#000000');
    doc.text(cells[0] ?? '', cols[0], top, { width: 78 * MM });
    const bottom = doc.y;
    for (let i = 1; i < cols.length; i++) doc.text(cells[i] ?? '', cols[i], top, { width: 22 * MM, align: 'right' });
    doc.y = bottom;
  };
  line([t.option, t.eVotes, t.paperVotes, t.combined, t.share], 'bold');
  for (const option of question?.options ?? []) {
    const [a, b, c] = [e, paper, combined].map((r) => r.counts[option.id] ?? 0) as [number, number, number];
    line([option.label[language], String(a), String(b), String(c), shareText(c, combined.ballots)], 'sans');
  }
}

function drawProtocol(
  doc: PDFKit.PDFDocument,
  definition: ElectionDefinition,
  protocol: ResultsProtocol,
  language: Language,
): void {
  const t = PROTOCOL_TEXTS[language];
  if (isPractice(definition)) {
    doc
      .font('bold')
      .fontSize(13)
      .fillColor('#b00020')
      .text(t.practice, LEFT, 10 * MM, { width: WIDTH, align: 'center' });
  }
  doc
    .font('bold')
    .fontSize(15)
    .fillColor('#000000')
    .text(t.heading, LEFT, 16 * MM, { width: WIDTH });
  doc
    .font('sans')
    .fontSize(12)
    .text(protocol.title[language], LEFT, doc.y + 3, { width: WIDTH });
  doc.moveDown(0.5);
  const period = formatVotingPeriod(definition, language);
  row(doc, t.electionId, protocol.election, true);
  row(doc, t.votingPeriod, `${period.opens} — ${period.closes}`);

  heading(doc, t.register);
  for (const d of definition.districts) row(doc, d.name[language], String(protocol.register.sizes[d.id] ?? 0));
  row(doc, t.total, String(protocol.register.total));

  heading(doc, t.eVoting);
  const e = protocol.eVoting;
  row(doc, t.eVoters, String(e.eVoters));
  row(doc, t.ballots, String(e.ballots));
  row(doc, t.counted, String(e.counted));
  row(doc, t.superseded, String(e.superseded));
  row(doc, t.cancelled, String(e.cancelled));
  if (e.revoked > 0) row(doc, t.revoked, String(e.revoked));

  const paper = protocol.paperVoting;
  if (paper) {
    heading(doc, t.paperVoting);
    doc
      .font('sans')
      .fontSize(9)
      .fillColor(GREY)
      .text(t.attestedBy(paper.attestedBy.join(', ') || '—'), LEFT, doc.y, { width: WIDTH });
    for (const sheet of paper.districts) {
      const name = definition.districts.find((x) => x.id === sheet.district)?.name[language] ?? sheet.district;
      row(doc, `${name}: ${t.ballotsIssued}`, String(sheet.ballotsIssued));
      row(doc, `${name}: ${t.ballotsCast}`, String(sheet.ballotsCast));
      row(doc, `${name}: ${t.invalidBallots}`, String(sheet.invalid));
    }
  }
  const paperOf = (district: string | null, question: string) =>
    (district === null ? paper?.overall : undefined)?.find((x) => x.question === question) ??
    (district === null ? undefined : paperDistrict(protocol, district, question));
  const combinedOf = (district: string | null, question: string) =>
    (district === null
      ? protocol.combined?.overall
      : protocol.combined?.districts.find((x) => x.district === district)?.questions
    )?.find((x) => x.question === question);

  heading(doc, t.resultsOverall);
  for (const r of protocol.results.overall)
    questionTable(doc, definition, r, language, paperOf(null, r.question), combinedOf(null, r.question));
  for (const d of protocol.results.districts) {
    const name = definition.districts.find((x) => x.id === d.district)?.name[language] ?? d.district;
    heading(doc, t.resultsDistrict(name));
    for (const r of d.questions)
      questionTable(doc, definition, r, language, paperOf(d.district, r.question), combinedOf(d.district, r.question));
  }

  heading(doc, t.validity);
  room(doc, 14);
  doc
    .font('sans')
    .fontSize(9)
    .fillColor('#000000')
    .text(t.basis[protocol.validityBasis ?? 'e-votes'], LEFT, doc.y + 2, { width: WIDTH });
  for (const v of protocol.validity) {
    const question = definition.questions.find((q) => q.id === v.question);
    room(doc, 40);
    doc
      .font('bold')
      .fontSize(9.5)
      .fillColor('#000000')
      .text(`${question?.text[language] ?? v.question} — ${v.valid ? t.valid : t.invalid}`, LEFT, doc.y + 4, {
        width: WIDTH,
      });
    v.rules.forEach((verdict, i) => {
      room(doc, 14);
      doc
        .font('sans')
        .fontSize(9)
        .text(`• ${verdictSentence(definition, v.question, question?.rules[i], verdict, language)}`, LEFT + 3 * MM, doc.y + 1, {
          width: WIDTH - 3 * MM,
        });
    });
  }

  heading(doc, t.record);
  const qrSize = 30 * MM;
  room(doc, qrSize + 10);
  const top = doc.y;
  const textWidth = protocol.recordUrl ? WIDTH - qrSize - 5 * MM : WIDTH;
  const field = (name: string, value: string) => {
    doc
      .font('sans')
      .fontSize(8.5)
      .fillColor(GREY)
      .text(name, LEFT, doc.y + 2, { width: textWidth });
    doc.font('mono').fontSize(8.5).fillColor('#000000').text(value, LEFT, doc.y, { width: textWidth });
  };
  field(t.fingerprint, protocol.fingerprint);
  const signedAt = formatLocalDateTime(protocol.finalHead.timestamp, language, electionUtcOffset(definition));
  field(t.finalHead(protocol.finalHead.treeSize), `${protocol.finalHead.rootHash}\n${signedAt}`);
  if (protocol.recordUrl) {
    field(t.recordUrl, protocol.recordUrl);
    drawQr(doc, protocol.recordUrl, LEFT + WIDTH - qrSize, top, qrSize);
    doc.y = Math.max(doc.y, top + qrSize);
  }

  heading(doc, t.signatures);
  for (const member of definition.commission?.members ?? []) {
    room(doc, 30);
    const y = doc.y + 16;
    doc
      .moveTo(LEFT + 85 * MM, y)
      .lineTo(LEFT + WIDTH, y)
      .lineWidth(0.5)
      .strokeColor('#000000')
      .stroke();
    doc
      .font('sans')
      .fontSize(9.5)
      .fillColor('#000000')
      .text(member.name, LEFT, y - 10, { width: 80 * MM });
    doc
      .fontSize(7.5)
      .fillColor(GREY)
      .text(t.signatureLine, LEFT + 85 * MM, y + 2, { width: WIDTH - 85 * MM, align: 'center' });
    doc.y = y + 12;
  }
  doc
    .font('sans')
    .fontSize(8)
    .fillColor(GREY)
    .text(t.electronicSignatures(protocol.signatures.length), LEFT, doc.y + 6, { width: WIDTH });
}

/** The protocol as an A4 PDF in `language`. */
export function resultsProtocolPdf(
  definition: ElectionDefinition,
  protocol: ResultsProtocol,
  language: Language,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 16 * MM, bottom: 10 * MM, left: LEFT, right: LEFT },
    // the default font would be Helvetica, which has no Cyrillic
    font: FONTS.sans,
    lang: language,
    info: { Title: `${protocol.title[language]} — ${PROTOCOL_TEXTS[language].heading}`, Creator: 'saylau results protocol' },
  });
  doc.registerFont('sans', FONTS.sans);
  doc.registerFont('bold', FONTS.bold);
  doc.registerFont('mono', FONTS.mono);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  drawProtocol(doc, definition, protocol, language);
  doc.end();
  return done;
}

// The voters' letters as one print-ready A4 PDF, a page per voter in the voter's language (letters-content.ts):
// the recipient in a window-envelope block (DIN 5008 type B: window 20 mm from the left, 45 mm from the top), the
// booth's address as text and QR code, the codes in readable groups, the steps in the booth's words, how to vote on
// paper, and the commission's contact. Laid out with pdfkit; the text is set in DejaVu Sans from the npm package
// dejavu-fonts-ttf, which covers Kazakh Cyrillic (ә ғ қ ң ө ұ ү һ і) and whose licence (Bitstream Vera, public-domain
// changes) allows embedding; pdfkit embeds only the glyphs used.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Letter, type LetterContent, type LetterField, type LetterOptions, letterContent } from '@saylau/documents';
import type { ElectionDefinition } from '@saylau/protocol';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

const require = createRequire(import.meta.url);
/** The embedded DejaVu fonts (also the results protocol's, apps/cli/src/results-protocol/pdf.ts). */
export const FONTS = {
  sans: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
  mono: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf'),
  monoBold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansMono-Bold.ttf'),
} as const;

const MM = 72 / 25.4;
const PAGE = { width: 210 * MM, height: 297 * MM };
const LEFT = 20 * MM;
const WIDTH = PAGE.width - 2 * LEFT;
const GREY = '#444444';

/** The booth's address as a QR code: dark modules drawn as squares, `size` points wide, quiet zone outside. */
export function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const cell = size / modules.size;
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) doc.rect(x + col * cell, y + row * cell, cell, cell);
    }
  }
  doc.fill('#000000');
}

/** The window-envelope block: the commission as sender on one small line, then the voter's name and address. */
function drawAddress(doc: PDFKit.PDFDocument, content: LetterContent): void {
  const x = 25 * MM;
  const width = 80 * MM;
  if (content.contact) {
    doc
      .font('sans')
      .fontSize(7)
      .fillColor(GREY)
      .text(content.contact.split('\n').join(', '), x, 47 * MM, { width, height: 9, ellipsis: true, lineBreak: false });
  }
  const lines = [content.recipient.name, ...content.recipient.address.split(/\r?\n/).filter((l) => l.trim())];
  doc
    .font('sans')
    .fontSize(11)
    .fillColor('#000000')
    .text(lines.join('\n'), x, 53 * MM, { width, height: 36 * MM, ellipsis: true });
}

/** One labelled row; codes large and fixed-width, `mono` for the fingerprint's hex. Returns the next row's top. */
function drawField(doc: PDFKit.PDFDocument, field: LetterField, y: number, more: { note?: string; mono?: boolean } = {}): number {
  const labelWidth = 55 * MM;
  const valueX = LEFT + labelWidth;
  const valueWidth = WIDTH - labelWidth;
  doc
    .font('sans')
    .fontSize(8.5)
    .fillColor(GREY)
    .text(field.label, LEFT, y + 2, { width: labelWidth - 4 * MM });
  const labelBottom = doc.y;
  if (field.code) doc.font('monoBold').fontSize(field.value.length > 16 ? 15 : 13);
  else if (more.mono) doc.font('mono').fontSize(8.5);
  else doc.font('sans').fontSize(10);
  doc.fillColor('#000000').text(field.value, valueX, y, { width: valueWidth, characterSpacing: field.code ? 0.5 : 0 });
  if (more.note)
    doc
      .font('sans')
      .fontSize(7.5)
      .fillColor(GREY)
      .text(more.note, valueX, doc.y + 1, { width: valueWidth });
  const bottom = Math.max(labelBottom, doc.y) + 4;
  doc
    .moveTo(LEFT, bottom)
    .lineTo(LEFT + WIDTH, bottom)
    .lineWidth(0.4)
    .strokeColor('#bbbbbb')
    .stroke();
  return bottom + 4;
}

function drawLetter(doc: PDFKit.PDFDocument, content: LetterContent): void {
  // heading and election, above the envelope window
  doc
    .font('bold')
    .fontSize(15)
    .fillColor('#000000')
    .text(content.heading, LEFT, 14 * MM, { width: WIDTH });
  doc
    .font('sans')
    .fontSize(12)
    .text(content.title, LEFT, doc.y + 2, { width: WIDTH, height: 16 * MM, ellipsis: true });

  drawAddress(doc, content);

  // the booth's address beside the window: QR code and text
  const qrSize = 34 * MM;
  const qrX = PAGE.width - LEFT - qrSize;
  drawQr(doc, content.fields.votingAddress.value, qrX, 47 * MM, qrSize);
  const textX = 112 * MM;
  const textWidth = qrX - textX - 3 * MM;
  doc
    .font('bold')
    .fontSize(9)
    .fillColor('#000000')
    .text(content.fields.votingAddress.label, textX, 49 * MM, { width: textWidth });
  doc
    .font('mono')
    .fontSize(8)
    .text(content.fields.votingAddress.value, textX, doc.y + 2, { width: textWidth });

  let y = 96 * MM;
  doc.font('bold').fontSize(10).text(content.period, LEFT, y, { width: WIDTH });
  y = doc.y + 6;
  doc
    .moveTo(LEFT, y - 3)
    .lineTo(LEFT + WIDTH, y - 3)
    .lineWidth(0.4)
    .strokeColor('#bbbbbb')
    .stroke();
  const f = content.fields;
  for (const field of [f.voter, f.voterId, f.district, f.loginCode, f.signingCode]) y = drawField(doc, field, y);
  y = drawField(doc, f.signatureMark, y, { note: content.signatureMarkHelp });
  y = drawField(doc, f.fingerprint, y, { mono: true });

  doc
    .font('bold')
    .fontSize(10)
    .fillColor('#000000')
    .text(content.stepsHeading, LEFT, y + 4, { width: WIDTH });
  doc.font('sans').fontSize(9);
  content.steps.forEach((step, i) => {
    const top = doc.y + 2;
    doc.text(`${i + 1}.`, LEFT, top, { width: 5 * MM });
    doc.text(step, LEFT + 5 * MM, top, { width: WIDTH - 5 * MM });
  });
  doc
    .font('bold')
    .fontSize(10)
    .text(content.paperHeading, LEFT, doc.y + 6, { width: WIDTH });
  doc
    .font('sans')
    .fontSize(9)
    .text(content.paper, LEFT, doc.y + 2, { width: WIDTH });
  doc
    .font('bold')
    .fontSize(9.5)
    .text(content.secret, LEFT, doc.y + 8, { width: WIDTH });
  if (content.contact) {
    doc
      .font('sans')
      .fontSize(9)
      .text(`${content.contactLabel}: ${content.contact}`, LEFT, doc.y + 6, { width: WIDTH, height: 20 * MM, ellipsis: true });
  }
}

/**
 * Every letter as one A4 PDF, one page per voter in that voter's language (`letter.language`, else
 * `options.language`, else Kazakh). The PDF holds the codes: write it only where the letters may be (mode 0600).
 */
export function lettersPdf(definition: ElectionDefinition, letters: readonly Letter[], options: LetterOptions): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 14 * MM, bottom: 8 * MM, left: LEFT, right: LEFT },
    autoFirstPage: false,
    // the default font would be Helvetica, which has no Cyrillic
    font: FONTS.sans,
    lang: options.language ?? 'kk',
    info: { Title: `${definition.title.en} — voter letters`, Creator: 'saylau credentials issue' },
  });
  doc.registerFont('sans', FONTS.sans);
  doc.registerFont('bold', FONTS.bold);
  doc.registerFont('mono', FONTS.mono);
  doc.registerFont('monoBold', FONTS.monoBold);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const letter of letters) {
    doc.addPage();
    drawLetter(doc, letterContent(definition, letter, options));
  }
  doc.end();
  return done;
}

/** Writes the letters' PDF to `file`, readable by its owner only, never over an existing file. */
export async function writeLettersPdf(
  file: string,
  definition: ElectionDefinition,
  letters: readonly Letter[],
  options: LetterOptions,
): Promise<void> {
  writeFileSync(file, await lettersPdf(definition, letters, options), { mode: 0o600, flag: 'wx' });
}

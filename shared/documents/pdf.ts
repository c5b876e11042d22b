/**
 * Renders a document model (shared/documents/rules.ts) to PDF bytes: A4, the city's letterhead,
 * DejaVu Sans embedded (every Indonesian letter and the rupiah figures, on any reader), tables that
 * continue on the next page with their header repeated, signature blocks, and on every page the
 * verification QR code and short code.
 *
 * Deterministic: the same model gives the same bytes (the creation date is the issue time, the
 * font subset is named from the document, nothing random), so a document issued once can be
 * downloaded again and still match the hash recorded when it was issued.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { DocumentModel, TableColumn } from './rules.js';

const FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

/**
 * The font files: from `fonts/` beside the bundle (the Lambda package ships them there, see
 * infra/bundling.ts), else from the npm package `dejavu-fonts-ttf` (local runs and tests).
 */
const fontBytes = (() => {
  const cache = new Map<string, Buffer>();
  return (file: string): Buffer => {
    let bytes = cache.get(file);
    if (!bytes) {
      const beside = fileURLToPath(new URL(`fonts/${file}`, import.meta.url));
      const path = existsSync(beside)
        ? beside
        : createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${file}`);
      bytes = readFileSync(path);
      cache.set(file, bytes);
    }
    return bytes;
  };
})();

const MARGIN = 40;
const FOOTER = 70;

interface Page {
  width: number;
  height: number;
  content: number;
}
const pageOf = (model: DocumentModel): Page => {
  const [short, long] = [595.28, 841.89];
  const [width, height] = model.orientation === 'landscape' ? [long, short] : [short, long];
  return { width, height, content: width - 2 * MARGIN };
};

/** The QR code of `text` drawn as vector squares at (x, y), `size` points wide. */
const drawQr = (doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number) => {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cell = size / (n + 2); // a quiet zone of one module each side
  doc.save().rect(x, y, size, size).fill('#ffffff');
  doc.fillColor('#000000');
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++)
      if (qr.modules.get(r, c)) doc.rect(x + (c + 1) * cell, y + (r + 1) * cell, cell, cell);
  doc.fill().restore();
};

const footer = (doc: PDFKit.PDFDocument, model: DocumentModel, A4: Page, page: number) => {
  // the footer sits in the bottom margin: without this, text there would start a new page
  doc.page.margins.bottom = 0;
  const y = A4.height - FOOTER + 8;
  doc
    .moveTo(MARGIN, y - 6)
    .lineTo(A4.width - MARGIN, y - 6)
    .lineWidth(0.5)
    .stroke('#888888');
  drawQr(doc, model.verification.url, MARGIN, y, 52);
  doc
    .font('regular')
    .fontSize(7.5)
    .fillColor('#000000')
    .text(`${model.verification.note} ${model.verification.url}`, MARGIN + 60, y + 4, {
      width: A4.content - 130,
      lineBreak: true,
    });
  doc
    .font('bold')
    .fontSize(9)
    .text(`Kode: ${model.verification.code}`, MARGIN + 60, y + 30, { width: A4.content - 130 });
  doc
    .font('regular')
    .fontSize(7.5)
    .text(`${model.pageWord} ${page}`, A4.width - MARGIN - 60, y + 30, { width: 60, align: 'right' });
};

const columnWidths = (columns: readonly TableColumn[], content: number): number[] => {
  const total = columns.reduce((s, c) => s + c.weight, 0);
  return columns.map((c) => (c.weight / total) * content);
};

export const renderPdf = (model: DocumentModel): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const A4 = pageOf(model);
    const CONTENT_WIDTH = A4.content;
    const doc = new PDFDocument({
      size: 'A4',
      layout: model.orientation,
      margins: { top: MARGIN, bottom: FOOTER, left: MARGIN, right: MARGIN },
      autoFirstPage: true,
      bufferPages: true,
      font: null as unknown as string, // no standard font: every glyph comes from the embedded one
      info: {
        Title: model.title,
        Author: model.issuer,
        Subject: model.subtitle.join(' — '),
        Creator: 'Sinergi',
        Producer: 'Sinergi',
        CreationDate: model.issuedAt,
        ModDate: model.issuedAt,
      },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('regular', fontBytes(FONT_FILES.regular));
    doc.registerFont('bold', fontBytes(FONT_FILES.bold));

    // letterhead
    doc.font('bold').fontSize(12).text(model.issuer.toUpperCase(), { align: 'center' });
    if (model.issuerUnit) doc.font('regular').fontSize(10).text(model.issuerUnit, { align: 'center' });
    doc
      .moveDown(0.3)
      .moveTo(MARGIN, doc.y)
      .lineTo(A4.width - MARGIN, doc.y)
      .lineWidth(1.2)
      .stroke('#000000');
    doc.moveDown(0.8);
    doc.font('bold').fontSize(13).text(model.title.toUpperCase(), { align: 'center' });
    for (const line of model.subtitle) doc.font('regular').fontSize(10).text(line, { align: 'center' });
    doc.moveDown(0.8);

    // what the document is about, as label : value
    for (const [label, value] of model.facts) {
      const y = doc.y;
      doc.font('regular').fontSize(9.5).text(label, MARGIN, y, { width: 150 });
      const labelBottom = doc.y;
      doc.text(`: ${value}`, MARGIN + 150, y, { width: CONTENT_WIDTH - 150 });
      doc.y = Math.max(doc.y, labelBottom);
    }
    doc.moveDown(0.6);

    for (const table of model.tables) {
      if (table.caption) doc.font('bold').fontSize(10).text(table.caption, MARGIN).moveDown(0.3);
      const widths = columnWidths(table.columns, CONTENT_WIDTH);
      const row = (cells: readonly string[], bold: boolean, shade: boolean) => {
        doc.font(bold ? 'bold' : 'regular').fontSize(table.fontSize ?? 8);
        const heights = cells.map(
          (cell, i) => doc.heightOfString(cell, { width: (widths[i] as number) - 6 }) + 6,
        );
        const h = Math.max(...heights);
        if (doc.y + h > A4.height - FOOTER - 4) {
          doc.addPage();
          if (!bold)
            row(
              table.columns.map((c) => c.header),
              true,
              true,
            );
          doc.font(bold ? 'bold' : 'regular').fontSize(table.fontSize ?? 8);
        }
        const y = doc.y;
        let x = MARGIN;
        cells.forEach((cell, i) => {
          const w = widths[i] as number;
          if (shade) doc.save().rect(x, y, w, h).fill('#e8e8e8').restore();
          doc.rect(x, y, w, h).lineWidth(0.4).stroke('#555555');
          doc.fillColor('#000000').text(cell, x + 3, y + 3, {
            width: w - 6,
            align: table.columns[i]?.align ?? 'left',
          });
          x += w;
        });
        doc.x = MARGIN;
        doc.y = y + h;
      };
      row(
        table.columns.map((c) => c.header),
        true,
        true,
      );
      for (const cells of table.rows) row(cells, false, false);
      if (table.totals) row(table.totals, true, false);
      doc.moveDown(0.8);
    }

    for (const p of model.paragraphs) doc.font('regular').fontSize(9.5).text(p, MARGIN).moveDown(0.4);

    // signature blocks, side by side, kept together on one page
    if (model.signatures.length > 0) {
      const blockHeight = 120;
      if (doc.y + blockHeight > A4.height - FOOTER) doc.addPage();
      doc.moveDown(0.8);
      const top = doc.y;
      const w = CONTENT_WIDTH / model.signatures.length;
      model.signatures.forEach((s, i) => {
        const x = MARGIN + i * w;
        doc.font('regular').fontSize(9.5);
        doc.text(s.placeAndDate ?? ' ', x, top, { width: w - 10, align: 'center' });
        doc.text(s.role, x, doc.y, { width: w - 10, align: 'center' });
        doc.text(' ', x, doc.y + 42, { width: w - 10 });
        doc.font('bold').text(s.name ?? '(................................................)', x, doc.y, {
          width: w - 10,
          align: 'center',
          underline: Boolean(s.name),
        });
        doc
          .font('regular')
          .text(s.nip ? `NIP. ${s.nip}` : 'NIP. ....................................', x, doc.y, {
            width: w - 10,
            align: 'center',
          });
      });
    }

    const range = doc.bufferedPageRange();
    for (let i = 0; i < range.count; i++) {
      doc.switchToPage(range.start + i);
      footer(doc, model, A4, i + 1);
    }
    doc.end();
  });

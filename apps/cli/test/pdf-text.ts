// Reading a PDF the CLI wrote back as text, page by page, with pdf.js — what a printing house or a reader sees.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

// pdf.js 6 expects Node 22's Promise.withResolvers; the project runs on Node 20
if (!('withResolvers' in Promise)) {
  Object.assign(Promise, {
    withResolvers<T>() {
      let resolve!: (value: T) => void;
      let reject!: (reason: unknown) => void;
      const promise = new Promise<T>((yes, no) => {
        resolve = yes;
        reject = no;
      });
      return { promise, resolve, reject };
    },
  });
}

/** Each page's text, in reading order, a line break where pdf.js sees the end of a line. */
export async function pdfPageTexts(pdf: Uint8Array): Promise<string[]> {
  const task = getDocument({ data: new Uint8Array(pdf), useSystemFonts: false });
  const doc = await task.promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? `${item.str}${item.hasEOL ? '\n' : ' '}` : '')).join(''));
  }
  await task.destroy();
  return pages;
}

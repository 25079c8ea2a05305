// Building the page from data without HTML strings: every text goes in as a Text node, so an election string such
// as `<script>` in a question title is shown as text, and nothing here needs innerHTML or an inline style.

/** What a page puts in an element: nodes, texts, and nothing for null/undefined/false. */
export type Child = Node | string | number | null | undefined | false | readonly Child[];

type AttrValue = string | number | boolean | null | undefined;
type Listeners = { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };

interface Attrs {
  /** Event listeners, e.g. { click: handler } (never inline `on…` attributes: the CSP forbids them). */
  on?: Listeners;
  [name: string]: AttrValue | Listeners;
}

function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child)));
  }
}

function setAttrs(element: Element, attrs: Attrs | undefined): void {
  if (!attrs) return;
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'on' || value === null || value === undefined || value === false) continue;
    if (/^on/i.test(name) || name === 'style') throw new TypeError(`attribute ${name} is not allowed under the page's CSP`);
    element.setAttribute(name, value === true ? '' : String(value as AttrValue));
  }
  for (const [type, listener] of Object.entries(attrs.on ?? {})) {
    element.addEventListener(type, listener as EventListener);
  }
}

/** An HTML element with attributes, listeners and children (strings become text, never markup). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  setAttrs(element, attrs ?? undefined);
  append(element, children);
  return element;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element (charts and the QR code), attributes set as given. */
export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs?: Record<string, string | number> | null,
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs ?? {})) element.setAttribute(name, String(value));
  append(element, children);
  return element;
}

/** Replaces everything inside `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** Offers bytes as a file download (a blob URL: allowed by the CSP, nothing inline). */
export function downloadFile(name: string, contents: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([contents], { type }));
  const link = h('a', { href: url, download: name, hidden: true });
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

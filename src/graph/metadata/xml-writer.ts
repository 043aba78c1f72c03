/** An XML element: its name, its attributes in order, and its child elements. */
export interface XmlElement {
  readonly name: string;
  readonly attributes?: Readonly<Record<string, string | undefined>>;
  readonly children?: readonly XmlElement[];
}

const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
};

/**
 * The document of `root`, one element a line, indented by depth. Elements without children are
 * self-closing; an attribute whose value is undefined is left out.
 */
export function writeXml(root: XmlElement): string {
  return `${XML_DECLARATION}\n${elementLines(root, 0).join('\n')}\n`;
}

function elementLines(element: XmlElement, depth: number): string[] {
  const indent = '  '.repeat(depth);
  const open = `${indent}<${element.name}${attributesOf(element)}`;
  const children = element.children ?? [];
  if (children.length === 0) {
    return [`${open} />`];
  }
  return [
    `${open}>`,
    ...children.flatMap((child) => elementLines(child, depth + 1)),
    `${indent}</${element.name}>`,
  ];
}

function attributesOf(element: XmlElement): string {
  return Object.entries(element.attributes ?? {})
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('');
}

function escapeAttribute(value: string): string {
  return value.replace(/[&<>"]/g, (character) => ESCAPES[character]);
}

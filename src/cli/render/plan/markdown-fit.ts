/**
 * Cutting a markdown plan to a length (GitHub caps a comment at 65,536 characters) without ever
 * breaking it: the document is kept as pieces, and a cut falls between resources, so no code
 * fence or `<details>` block is left open and no resource is shown half.
 */

/** A run of resources sharing an opening (heading, fence) and a closing (fence end). */
export interface MarkdownSection {
  open: string;
  /** One complete resource each. */
  items: string[];
  close: string;
}

export interface MarkdownDocument {
  /** Marker, title and facts: always shown. */
  header: string;
  sections: MarkdownSection[];
  /** What is left alone (prunable, unmanaged), with lists. */
  tail: string;
  /** The same as counts only, used when the document is cut. */
  compactTail: string;
  footer: string;
}

/**
 * The whole document when it fits in `maxLength` (or no limit is given); otherwise the header,
 * as many whole resources as fit, a note saying how many are not shown and where the whole plan
 * is, the compact tail and the footer. The result never exceeds `maxLength`: when even the
 * header and the note do not fit (a limit of a few hundred characters), the optional parts go
 * first, and only as a last resort is the text cut blindly.
 */
export function fitMarkdown(doc: MarkdownDocument, maxLength: number | undefined, fullPlanLocation: string | undefined): string {
  const whole = doc.header + doc.sections.map((s) => s.open + s.items.join('') + s.close).join('') + doc.tail + doc.footer;
  if (maxLength === undefined || whole.length <= maxLength) return finish(whole);

  const total = doc.sections.reduce((n, s) => n + s.items.length, 0);
  // Reserve room for the longest note this cut can need (every resource hidden).
  const ending = (hidden: number, tail: string, footer: string) => truncationNote(hidden, fullPlanLocation) + tail + footer;
  let tail = doc.compactTail;
  let footer = doc.footer;
  if (doc.header.length + ending(total, tail, footer).length > maxLength) tail = '';
  if (doc.header.length + ending(total, tail, footer).length > maxLength) footer = '';
  let budget = maxLength - doc.header.length - ending(total, tail, footer).length;
  if (budget < 0) {
    // Too small for the facts: keep the marker and title (the header's first block) and the note.
    const title = doc.header.slice(0, doc.header.indexOf('\n\n') + 2);
    return finish(blindCut(title + ending(total, '', ''), maxLength));
  }

  let body = '';
  let shown = 0;
  for (const section of doc.sections) {
    let part = '';
    let fitted = 0;
    for (const item of section.items) {
      const cost = (fitted === 0 ? section.open.length + section.close.length : 0) + item.length;
      if (cost > budget) break;
      budget -= cost;
      part += item;
      fitted++;
    }
    if (fitted > 0) body += section.open + part + section.close;
    shown += fitted;
    if (fitted < section.items.length) break;
  }
  return finish(doc.header + body + ending(total - shown, tail, footer));
}

/** "… 1,840 more resources not shown. The whole plan is in …". */
export function truncationNote(hidden: number, fullPlanLocation: string | undefined): string {
  const where = fullPlanLocation ? `The whole plan is in ${fullPlanLocation}.` : 'Run `pai plan` to see the whole plan.';
  const what = hidden > 0 ? `… ${hidden} more ${hidden === 1 ? 'resource' : 'resources'} not shown.` : 'Some lists are shortened.';
  return `**${what} ${where}**\n\n`;
}

function blindCut(text: string, maxLength: number): string {
  return text.length <= maxLength ? text : text.slice(0, Math.max(0, maxLength - 1)) + '\n';
}

/** Blocks end with a blank line; the document ends with exactly one newline. */
function finish(text: string): string {
  return text.replace(/\n+$/, '\n');
}

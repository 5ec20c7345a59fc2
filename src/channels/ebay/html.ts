/** eBay descriptions without active content, by sanitize-html's allow-list (spec.ts `DESCRIPTION_HTML`). */
import sanitizeHtml from 'sanitize-html';
import { DESCRIPTION_HTML } from './spec.js';

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: DESCRIPTION_HTML.tags,
  allowedAttributes: DESCRIPTION_HTML.attributes,
  allowedSchemes: DESCRIPTION_HTML.schemes,
  allowedSchemesByTag: {},
  allowProtocolRelative: false,
  nonTextTags: DESCRIPTION_HTML.removedWithContent,
};

/** the same parse and serialization, removing nothing: what the description is when it has nothing to remove */
const EVERYTHING: sanitizeHtml.IOptions = {
  allowedTags: false,
  allowedAttributes: false,
  allowVulnerableTags: true,
  allowedSchemesAppliedToAttributes: [],
  nonTextTags: [],
};

/** The description with every tag, attribute and URL eBay does not allow removed; undefined when it has none. */
export function withoutActiveContent(html: string): string | undefined {
  const clean = sanitizeHtml(html, ALLOWED);
  // sanitize-html writes the markup anew (quotes, entities): a description it keeps whole is sent as it was
  return clean === sanitizeHtml(html, EVERYTHING) ? undefined : clean;
}

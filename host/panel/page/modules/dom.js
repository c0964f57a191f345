// DOM helpers for the page's modules. Text from the server goes in as textContent only, never as HTML.

/** The page's element with this id. */
export const byId = (id) => document.getElementById(id);

/**
 * A new element. Props: `text` sets its textContent, `class` its class, `data-…` an attribute;
 * any other key is set as a property (`title`, `href`, `colSpan`, …).
 */
export function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'text') node.textContent = value;
    else if (key === 'class') node.className = value;
    else if (key.startsWith('data-')) node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children) node.append(child);
  return node;
}

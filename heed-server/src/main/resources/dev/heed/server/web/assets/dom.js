// Building the page without markup strings: every value goes in as a text node, so data from
// the API is never parsed as HTML (the CSP forbids inline scripts and styles on top of that).

/** An element: h('a', {href: '#/x', class: 'c', onclick: fn}, 'text', child, [more]). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'style') {
      throw new Error('inline style attributes are blocked by the CSP; set el.style instead');
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

/** Appends children (strings, nodes, nested arrays), skipping null, undefined and false. */
export function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** A link to a page of the dashboard; ids are URI-encoded into the hash. */
export function link(parts, ...children) {
  return h('a', {href: '#/' + parts.map(encodeURIComponent).join('/')}, ...children);
}

/** A table from a header row and rows of cells (strings, numbers or nodes). */
export function table(headers, rows, attrs) {
  return h('table', attrs || {},
      h('thead', {}, h('tr', {}, headers.map((x) => h('th', {}, x)))),
      h('tbody', {}, rows.length
          ? rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c))))
          : h('tr', {}, h('td', {colspan: headers.length, class: 'muted'}, 'nothing yet'))));
}

export function num(v, digits = 3) {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return v.toLocaleString('en');
  return Number(v).toLocaleString('en', {maximumSignificantDigits: digits});
}

export function pct(v, digits = 1) {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  return (v * 100).toFixed(digits) + '%';
}

export function when(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

/** A labelled figure for the summary cards. */
export function card(label, value, testid) {
  return h('div', {class: 'card', 'data-testid': testid},
      h('div', {class: 'card-value'}, value), h('div', {class: 'card-label'}, label));
}

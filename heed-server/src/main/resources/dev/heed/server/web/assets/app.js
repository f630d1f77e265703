// The dashboard's shell: login with an API key, a hash router, one page at a time.
import {api, apiKey, setApiKey, forgetApiKey} from './api.js';
import {h} from './dom.js';
import * as pages from './pages.js';
import {failed} from './pages.js';

const ROUTES = {
  '': pages.overview,
  items: pages.items,
  experiments: pages.experiments,
  monitor: pages.monitor,
  users: pages.users,
  models: pages.models,
};

let current = null; // the page being shown: {leave: [fns], gone: bool}

/** Decodes a part of the hash; a malformed escape stays as typed (and finds no page). */
function decode(part) {
  try {
    return decodeURIComponent(part);
  } catch (e) {
    return part;
  }
}

function parseHash() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decode);
  return {page: parts[0] || '', args: parts.slice(1).filter((p) => p !== '')};
}

async function render() {
  if (current) {
    current.gone = true;
    current.leave.forEach((fn) => fn());
  }
  const view = {leave: [], gone: false};
  current = view;
  // Each view writes into its own element: a page still loading after the user moved on fills a
  // detached node, never the next page.
  const main = h('div', {class: 'view'});
  document.getElementById('main').replaceChildren(main);
  const {page, args} = parseHash();
  if (page === 'login' || !apiKey()) {
    showChrome(false);
    login(main, page === 'login' ? '' : location.hash);
    return;
  }
  showChrome(true, page);
  const show = Object.hasOwn(ROUTES, page) ? ROUTES[page] : null;
  if (!show) {
    main.append(h('h1', {}, 'Not found'), h('p', {}, 'There is no page "' + page + '".'));
    return;
  }
  const ctx = {
    onLeave: (fn) => (view.gone ? fn() : view.leave.push(fn)),
    get gone() {
      return view.gone;
    },
  };
  try {
    await show(main, args, ctx);
  } catch (e) {
    if (!view.gone) failed(main, e);
  }
}

function showChrome(loggedIn, page) {
  document.getElementById('nav').hidden = !loggedIn;
  document.getElementById('logout').hidden = !loggedIn;
  for (const a of document.querySelectorAll('#nav a')) {
    a.classList.toggle('active', loggedIn && a.dataset.page === (page || 'overview'));
  }
}

function login(main, then) {
  const input = h('input', {
    id: 'api-key', type: 'password', name: 'key', autocomplete: 'current-password',
    required: true, placeholder: 'paste an API key',
  });
  const message = h('p', {class: 'error', role: 'alert', id: 'login-error'});
  const form = h('form', {class: 'login', id: 'login-form'},
      h('h1', {}, 'Log in to Heed'),
      h('p', {class: 'muted'},
          'Use an API key with the read scope (admin for model status and training). ' +
          'The first start prints the admin key and saves it to heed-data/admin.key.'),
      h('label', {for: 'api-key'}, 'API key'), input,
      h('button', {type: 'submit'}, 'Log in'), message);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    message.textContent = '';
    const key = input.value.trim();
    try {
      await api('/v1/stats', {key});
      setApiKey(key);
      const target = then && then !== '#/login' ? then : '#/';
      if (location.hash === target) render();
      else location.hash = target;
    } catch (e) {
      message.textContent = e.status === 401 ? 'That API key is not valid.' : e.message;
    }
  });
  main.append(form);
  input.focus();
}

document.getElementById('logout').addEventListener('click', () => {
  forgetApiKey();
  location.hash = '#/login';
});
window.addEventListener('hashchange', render);
render();

// The dashboard's pages. Each one is async (main, args, ctx): it fills `main` from the API and
// registers timers to stop with ctx.onLeave. A section that fails shows its error in place, so
// one unavailable route (no admin scope, rollups off) does not blank the page.
import {api, query, hoursAgo, ApiError, forgetApiKey} from './api.js';
import {h, append, link, table, num, pct, when, card} from './dom.js';
import {timeChart, epochSeconds} from './charts.js';

/** Shows an error in place; a rejected key sends the user back to the login form. */
export function failed(el, e) {
  if (e instanceof ApiError && e.status === 401) {
    forgetApiKey();
    location.hash = '#/login';
    return;
  }
  el.append(h('p', {class: 'error', role: 'alert'}, e instanceof ApiError ? e.message : String(e)));
}

/** Renders a section: a heading, then whatever fill() appends, or its error. */
async function section(parent, title, testid, fill) {
  const el = h('section', {'data-testid': testid}, title ? h('h2', {}, title) : null);
  parent.append(el);
  try {
    await fill(el);
  } catch (e) {
    failed(el, e);
  }
  return el;
}

/** Titles of catalog items by id (items known only from events have none). */
async function titles(ids) {
  const found = await Promise.all(ids.map((id) =>
    api('/v1/items/' + encodeURIComponent(id)).then((r) => r.data.title, () => null)));
  return new Map(ids.map((id, i) => [id, found[i]]));
}

function itemLink(id, title) {
  return link(['items', id], title || id);
}

// ---- overview

export async function overview(main, args, ctx) {
  main.append(h('h1', {}, 'Overview'));
  await section(main, null, 'stats', async (el) => {
    const cards = h('div', {class: 'cards'});
    const samples = [];
    const rates = {times: [], values: []};
    const chart = timeChart({
      title: 'Events stored per second (live, sampled every 2 s)',
      times: [], series: [{label: 'events/s', values: []}], testid: 'rate-chart', height: 140,
      xRange: () => [Date.now() / 1000 - 300, Date.now() / 1000],
    });
    el.append(cards, chart);
    const tick = async () => {
      const {data} = await api('/v1/stats');
      const now = Date.now() / 1000;
      samples.push([now, data.events]);
      while (samples.length > 1 && now - samples[0][0] > 10.5) samples.shift();
      let rate = null;
      if (samples.length > 1) {
        const [t0, e0] = samples[0];
        rate = Math.max(0, (data.events - e0) / (now - t0));
        rates.times.push(Math.floor(now));
        rates.values.push(rate);
        if (rates.times.length > 150) {
          rates.times.shift();
          rates.values.shift();
        }
        chart.plot.setData([rates.times, rates.values]);
      }
      cards.replaceChildren(
          card('items', num(data.items), 'stat-items'),
          card('users', num(data.users), 'stat-users'),
          card('events', num(data.events), 'stat-events'),
          card('events/s (last 10 s)', rate === null ? '…' : num(rate, 3), 'stat-rate'));
    };
    await tick();
    const stale = h('p', {class: 'error', hidden: true, 'data-testid': 'stats-stale'});
    el.append(stale);
    const timer = setInterval(
        () => tick().then(() => {
          stale.hidden = true;
        }, (e) => {
          stale.textContent = 'Live figures paused: ' + e.message;
          stale.hidden = false;
        }), 2000);
    ctx.onLeave(() => clearInterval(timer));
  });
  const grid = h('div', {class: 'grid'});
  main.append(grid);
  await Promise.all([
    section(grid, 'Impressions and clicks, last 48 hours', 'overall', async (el) => {
      const {data} = await api('/v1/metrics/overall' + query({bucket: 'hour', from: hoursAgo(48)}));
      el.append(timeChart({
        title: 'per hour (all items)',
        times: data.series.map((b) => epochSeconds(b.start)),
        series: [
          {label: 'impressions', values: data.series.map((b) => b.impressions)},
          {label: 'clicks', values: data.series.map((b) => b.clicks)},
        ],
        testid: 'overall-chart',
      }), h('p', {class: 'muted'},
          'Totals: ', num(data.totals.impressions), ' impressions, ', num(data.totals.clicks),
          ' clicks, CTR ', pct(data.totals.ctr), ', attention ',
          num(data.totals.attention), ' engaged s per impression.'));
    }),
    section(grid, 'Top items by attention, last 7 days', 'top-attention', async (el) => {
      const {data} = await api('/v1/metrics/top' + query({metric: 'attention', n: 10}));
      const names = await titles(data.entries.map((e) => e.key));
      el.append(table(['item', 'attention (s/impression)', 'impressions', 'CTR (smoothed)'],
          data.entries.map((e) => [itemLink(e.key, names.get(e.key)), num(e.value),
            num(e.metrics.impressions), pct(e.metrics.ctr_smoothed)])));
    }),
    section(grid, 'Trending now', 'trending', async (el) => {
      const {data} = await api('/v1/trending' + query({n: 10}));
      el.append(table(['item', 'score'],
          data.items.map((i) => [itemLink(i.id, i.title), num(i.score)])));
    }),
  ]);
}

// ---- items

export async function items(main, args, ctx) {
  if (args.length) return item(main, args[0], ctx);
  main.append(h('h1', {}, 'Items'));
  const q = h('input', {type: 'search', id: 'search-q', placeholder: 'search titles and text'});
  const results = h('div', {'data-testid': 'search-results'});
  const go = h('button', {type: 'submit'}, 'Search');
  const form = h('form', {class: 'inline', id: 'search-form'}, q, go);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (go.disabled) return;
    results.replaceChildren();
    if (!q.value.trim()) return;
    go.disabled = true;
    try {
      const {data} = await api('/v1/search' + query({q: q.value.trim(), n: 20}));
      append(results, [table(['item', 'score', 'keyword rank', 'vector rank'],
          data.items.map((i) => [itemLink(i.id, i.title), num(i.score),
            i.keyword_rank || '–', i.vector_rank || '–'])),
      data.indexing ? h('p', {class: 'muted'}, 'Some items are still being analyzed.') : null]);
    } catch (e) {
      failed(results, e);
    } finally {
      go.disabled = false;
    }
  });
  main.append(form, results);
  await section(main, 'Catalog', 'catalog', async (el) => {
    const list = h('div');
    const more = h('button', {type: 'button', hidden: true}, 'More');
    let cursor = null;
    const page = async () => {
      const {data} = await api('/v1/items' + query({limit: 50, cursor}));
      list.append(table(['id', 'title', 'categories', 'published'],
          data.items.map((i) => [link(['items', i.id], i.id), i.title || '',
            (i.categories || []).join(', '), when(i.publishedAt)])));
      cursor = data.nextCursor;
      more.hidden = !cursor;
    };
    more.addEventListener('click', () => {
      more.disabled = true;
      page().catch((e) => failed(list, e)).finally(() => {
        more.disabled = false;
      });
    });
    el.append(list, more);
    await page();
  });
}

async function item(main, id, ctx) {
  let it;
  try {
    it = (await api('/v1/items/' + encodeURIComponent(id))).data;
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 404)) throw e;
    // Known from events only: no catalog entry, but its metrics may exist.
    it = {id, title: null, missing: true};
  }
  main.append(h('h1', {'data-testid': 'item-title'}, it.title || it.id),
      h('p', {class: 'muted'}, 'id ', h('code', {}, it.id),
          it.categories && it.categories.length ? ' · ' + it.categories.join(', ') : '',
          it.author ? ' · by ' + it.author : '',
          it.publishedAt ? ' · published ' + when(it.publishedAt) : '',
          it.hidden ? ' · hidden' : '',
          it.missing ? ' · not in the catalog (known from events only)' : ''));
  const grid = h('div', {class: 'grid'});
  main.append(grid);
  await Promise.all([
    section(grid, 'Attention, last 48 hours', 'item-metrics', async (el) => {
      const {data} = await api('/v1/metrics/items/' + encodeURIComponent(id) +
          query({bucket: 'hour', from: hoursAgo(48)}));
      const t = data.totals;
      el.append(h('div', {class: 'cards'},
          card('impressions', num(t.impressions), 'item-impressions'),
          card('clicks', num(t.clicks), 'item-clicks'),
          card('CTR (smoothed, 95% interval)', pct(t.ctr_smoothed) + ' (' +
              pct(t.ctr_interval[0]) + '–' + pct(t.ctr_interval[1]) + ')', 'item-ctr'),
          card('median dwell', t.median_dwell_seconds === null ? '–' :
              num(t.median_dwell_seconds) + ' s', 'item-dwell'),
          card('completion rate', pct(t.completion_rate), 'item-completion'),
          card('attention (engaged s per impression)', num(t.attention), 'item-attention')),
      timeChart({
        title: 'impressions and clicks per hour',
        times: data.series.map((b) => epochSeconds(b.start)),
        series: [
          {label: 'impressions', values: data.series.map((b) => b.impressions)},
          {label: 'clicks', values: data.series.map((b) => b.clicks)},
        ],
        testid: 'item-chart',
      }));
    }),
    section(grid, 'Content analysis', 'item-analysis', async (el) => {
      const r = await api('/v1/items/' + encodeURIComponent(id) + '/analysis');
      if (r.status === 202 || !r.data.analysis) {
        el.append(h('p', {class: 'muted'}, 'Analysis pending: the item is queued for analysis.'));
        return;
      }
      const a = r.data.analysis;
      el.append(h('dl', {},
          h('dt', {}, 'language'), h('dd', {}, a.language || '–'),
          h('dt', {}, 'sentiment'), h('dd', {'data-testid': 'item-sentiment'},
              a.sentiment ? a.sentiment.label + ' (' + num(a.sentiment.score, 2) + ')' : '–'),
          h('dt', {}, 'topics'), h('dd', {}, (a.topics || []).map((t) =>
            h('span', {class: 'chip'}, t.label + ' ' + pct(t.probability, 0)))),
          h('dt', {}, 'keywords'), h('dd', {'data-testid': 'item-keywords'},
              (a.keywords || []).map((k) => h('span', {class: 'chip'}, k.text)))));
    }),
    it.attributes && it.attributes.variants ? section(grid, 'Headline variants (Thompson sampling)',
        'item-variants', async (el) => {
          const {data} = await api('/v1/items/' + encodeURIComponent(id) + '/variants');
          el.append(table(['variant', 'title', 'impressions', 'clicks', 'CTR', 'posterior mean',
            '95% interval'], data.variants.map((v) => [v.name, v.title, num(v.impressions),
            num(v.clicks), pct(v.ctr), pct(v.posterior_mean),
            pct(v.ci95[0]) + ' – ' + pct(v.ci95[1])])),
          h('p', {class: 'muted'}, 'Feeds show each reader the variant sampled from these ' +
              'posteriors; clicks on a variant raise its share.'));
        }) : null,
    section(grid, 'Similar items', 'item-similar', async (el) => {
      const {data} = await api('/v1/items/' + encodeURIComponent(id) + '/similar' +
          query({n: 10, explain: true}));
      el.append(table(['item', 'source', 'why'],
          data.items.map((i) => [itemLink(i.id, i.title), i.source, i.explanation || ''])));
    }),
  ]);
}

// ---- experiments

export async function experiments(main, args) {
  if (args.length) return experiment(main, args[0]);
  main.append(h('h1', {}, 'Experiments'));
  await section(main, null, 'experiment-list', async (el) => {
    const {data} = await api('/v1/experiments');
    el.append(table(['experiment', 'metric', 'variants', 'status', 'started'],
        data.experiments.map((x) => [link(['experiments', x.id], x.id), x.metric,
          x.variants.map((v) => v.name + ' (' + v.weight + ')').join(', '), x.status,
          when(x.createdAt)])));
  });
}

/** An interval bar: the CI as a band on an axis centred on zero, with the estimate marked. */
function intervalBar(lo, est, hi) {
  const span = Math.max(Math.abs(lo), Math.abs(hi), 1e-9) * 1.1;
  const x = (v) => 50 + (v / span) * 50;
  const band = h('span', {class: 'ci-band'});
  band.style.left = x(lo) + '%';
  band.style.width = Math.max(0.5, x(hi) - x(lo)) + '%';
  const mark = h('span', {class: 'ci-mark'});
  mark.style.left = x(est) + '%';
  return h('span', {class: 'ci', title: pct(lo) + ' to ' + pct(hi)},
      h('span', {class: 'ci-zero'}), band, mark);
}

function comparisonRows(comparisons) {
  return Object.entries(comparisons || {}).map(([name, c]) => {
    const f = c.frequentist || {};
    const lift = f.lift !== undefined && f.ci95;
    return [name,
      lift ? pct(f.lift) : '–',
      lift ? h('span', {}, pct(f.ci95[0]) + ' – ' + pct(f.ci95[1]) + ' ',
          intervalBar(f.ci95[0], f.lift, f.ci95[1])) : '–',
      num(f.p_value, 3),
      pct(c.bayesian ? c.bayesian.chance_to_win : null),
      num(c.bayesian ? c.bayesian.expected_loss : null, 2),
      num(c.sequential ? c.sequential.p_value : null, 3)];
  });
}

const COMPARISON_HEADERS = ['treatment', 'lift', '95% CI of the lift', 'p-value',
  'chance to beat control', 'expected loss', 'always-valid p'];

function variantRows(variants) {
  return Object.entries(variants).map(([name, v]) =>
    [name, num(v.users), num(v.conversions), pct(v.rate, 2)]);
}

async function experiment(main, id) {
  const {data: r} = await api('/v1/experiments/' + encodeURIComponent(id) + '/results');
  main.append(h('h1', {}, 'Experiment ', h('code', {}, r.experiment)),
      h('p', {class: 'verdict', 'data-testid': 'verdict'}, r.verdict),
      h('p', {class: 'muted'}, 'metric ', r.metric, ' · control ', r.control, ' · ', r.status,
          ' · from ', when(r.from), ' · computed ', when(r.computed_at)));
  await section(main, 'Variants', 'variants', async (el) => {
    el.append(table(['variant', 'users', 'converted', 'rate'], variantRows(r.variants)));
  });
  await section(main, 'Comparisons with the control', 'comparisons', async (el) => {
    el.append(table(COMPARISON_HEADERS, comparisonRows(r.comparisons)),
        h('p', {class: 'muted'}, 'Sample ratio check p = ', num(r.srm_p_value, 3),
            ' (below 0.001 means the split is broken) · crossovers ', num(r.crossovers),
            ' · impressions naming no known variant ', num(r.unknown_variant),
            ' · events scanned ', num(r.events_scanned)));
  });
  for (const [name, g] of Object.entries(r.guardrails || {})) {
    await section(main, 'Guardrail: ' + name, 'guardrail-' + name, async (el) => {
      el.append(table(['variant', 'users', 'converted', 'rate'], variantRows(g.variants)),
          table(COMPARISON_HEADERS, comparisonRows(g.comparisons)),
          g.worse_in && g.worse_in.length
            ? h('p', {class: 'error'}, 'Significantly worse in ', g.worse_in.join(', '))
            : h('p', {class: 'muted'}, 'No treatment is significantly worse.'));
    });
  }
}

// ---- opinion monitor

export async function monitor(main) {
  main.append(h('h1', {}, 'Opinion monitor'));
  const {data} = await api('/v1/monitor/topics' + query({from: hoursAgo(7 * 24)}));
  const start = epochSeconds(data.from);
  const end = epochSeconds(data.to);
  const times = [];
  for (let t = start; t < end; t += 3600) times.push(t);
  const totals = data.topics.map((t) => ({
    topic: t.topic,
    documents: t.series.reduce((s, b) => s + b.documents, 0),
    negative: t.series.reduce((s, b) => s + b.negative, 0),
    byHour: new Map(t.series.map((b) => [epochSeconds(b.bucket), b])),
  })).sort((a, b) => b.documents - a.documents || (a.topic < b.topic ? -1 : 1));
  const shown = totals.slice(0, 6);
  const grid = h('div', {class: 'grid'});
  main.append(grid);
  await section(grid, 'Negative share by topic, last 7 days', 'monitor-share', async (el) => {
    el.append(timeChart({
      title: 'share of negative documents per hour (hours without documents left blank)',
      times,
      series: shown.map((t) => ({label: t.topic, values: times.map((x) =>
        t.byHour.has(x) ? t.byHour.get(x).negative_share : null)})),
      testid: 'monitor-share-chart',
    }));
  });
  await section(grid, 'Volume by topic', 'monitor-volume', async (el) => {
    el.append(timeChart({
      title: 'documents per hour',
      times,
      series: shown.map((t) => ({label: t.topic, values: times.map((x) =>
        t.byHour.has(x) ? t.byHour.get(x).documents : 0)})),
      testid: 'monitor-volume-chart',
    }));
  });
  await section(main, 'Topics', 'monitor-topics', async (el) => {
    el.append(table(['topic', 'documents', 'negative', 'negative share'],
        totals.map((t) => [t.topic, num(t.documents), num(t.negative),
          pct(t.documents ? t.negative / t.documents : null)])));
  });
  await section(main, 'Alerts', 'monitor-alerts', async (el) => {
    const {data: a} = await api('/v1/monitor/alerts' + query({limit: 100}));
    el.append(table(['hour', 'topic', 'kind', 'value', 'baseline', 'threshold', 'raised',
      'webhook'],
    a.alerts.map((x) => [when(x.bucket), x.topic, x.kind.replace('_', ' '),
      x.kind === 'negative_share' ? pct(x.value) : num(x.value),
      x.kind === 'negative_share' ? pct(x.baseline) : num(x.baseline),
      x.kind === 'negative_share' ? pct(x.threshold) : num(x.threshold),
      when(x.raised_at), x.delivery])));
  });
}

// ---- a user's recommendations

export async function users(main, args) {
  main.append(h('h1', {}, 'Recommendations'));
  const input = h('input', {id: 'user-id', placeholder: 'user id', value: args[0] || '',
    required: true});
  const form = h('form', {class: 'inline', id: 'user-form'}, h('label', {for: 'user-id'},
      'User '), input, h('button', {type: 'submit'}, 'Show feed'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (input.value.trim()) location.hash = '#/users/' + encodeURIComponent(input.value.trim());
  });
  main.append(form);
  if (!args.length) return;
  const id = args[0];
  await section(main, 'Feed of ' + id, 'feed', async (el) => {
    const {data} = await api('/v1/users/' + encodeURIComponent(id) + '/recommendations' +
        query({n: 20, explain: true}));
    el.append(table(['#', 'item', 'variant', 'source', 'score', 'why'],
        data.items.map((i, k) => [k + 1, itemLink(i.id, i.title), i.variant || '', i.source,
          num(i.score), i.explanation || ''])),
    h('p', {class: 'muted'}, 'Served from the snapshot built ', when(data.snapshot),
        ', with the user\'s newer events folded in.'));
  });
}

// ---- model status

export async function models(main, args, ctx) {
  main.append(h('h1', {}, 'Models'));
  const body = h('div');
  main.append(body);
  const show = async () => {
    body.replaceChildren();
    await section(body, null, 'model-status', async (el) => {
      const {data} = await api('/v1/admin/models');
      const s = data.snapshot;
      const train = h('button', {type: 'button', id: 'train'}, 'Train now');
      const status = h('span', {class: 'muted', 'data-testid': 'train-status'},
          data.building ? ' a build is running' : '');
      train.addEventListener('click', async () => {
        train.disabled = true;
        status.textContent = ' training…';
        try {
          await api('/v1/admin/train?wait=true', {method: 'POST'});
          if (!ctx.gone) await show();
        } catch (e) {
          train.disabled = false;
          status.textContent = ' ' + (e instanceof ApiError ? e.message : String(e));
        }
      });
      append(el, [h('div', {class: 'cards'},
          card('algorithm', s.algorithm, 'model-algorithm'),
          card('built', when(s.built_at), 'model-built'),
          card('build time', num(s.build_seconds) + ' s', 'model-build-seconds'),
          card('users × items', num(s.users) + ' × ' + num(s.items), 'model-size'),
          card('interactions', num(s.interactions), 'model-interactions'),
          card('events since the build', num(data.since_snapshot.events), 'model-since')),
      h('p', {}, train, status),
      data.last_error ? h('p', {class: 'error'}, 'Last build failed: ', data.last_error) : null,
      h('h2', {}, 'Offline metrics of this snapshot'),
      table(['metric', 'value'], Object.entries(s.offline_metrics || {})
          .map(([k, v]) => [k, typeof v === 'number' ? num(v, 4) : JSON.stringify(v)])),
      h('h2', {}, 'Parameters'),
      table(['parameter', 'value'], Object.entries(s.params || {}).map(([k, v]) => [k, v])),
      h('p', {class: 'muted'}, 'Retrains after ', num(data.schedule.retrain_events),
          ' new events or every ', data.schedule.retrain_interval, '.')]);
    });
  };
  await show();
}

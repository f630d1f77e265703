// Time-series charts on uPlot (canvas; served from its WebJar at a fixed path).
import uPlot from '/assets/vendor/uplot/dist/uPlot.esm.js';
import {h} from './dom.js';

const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#4b5563'];

/**
 * A line chart of series over time. times: epoch seconds; series: [{label, values}];
 * returns the element holding it (its uPlot as .plot); xRange() fixes the time window (a live
 * chart).
 */
export function timeChart({title, times, series, testid, yLabel, xRange, height = 220}) {
  const box = h('figure', {class: 'chart', 'data-testid': testid},
      h('figcaption', {}, title));
  const opts = {
    width: 600,
    height,
    series: [{}].concat(series.map((s, i) => ({
      label: s.label,
      stroke: s.color || COLORS[i % COLORS.length],
      width: 2,
      spanGaps: false,
      points: {show: times.length < 60},
    }))),
    scales: {x: xRange ? {time: true, range: xRange} : {time: true}},
    axes: [{}, {label: yLabel}],
    legend: {live: false},
  };
  const data = [times].concat(series.map((s) => s.values));
  const plot = new uPlot(opts, data, box);
  // Fit the figure's width once it is in the page, and on resize.
  const fit = () => {
    const w = Math.max(280, Math.floor(box.clientWidth || 600));
    if (w !== plot.width) plot.setSize({width: w, height});
  };
  requestAnimationFrame(fit);
  const observer = new ResizeObserver(fit);
  observer.observe(box);
  box.plot = plot;
  return box;
}

export function epochSeconds(iso) {
  return Math.floor(new Date(iso).getTime() / 1000);
}

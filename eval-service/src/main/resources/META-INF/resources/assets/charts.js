// Minimal SVG charts for the eval-service pages: grouped bars and lines on a 0..1 scale. Drawn here rather than
// pulled from a chart library so the pages need nothing but this service.
"use strict";

const SVG_NS = "http://www.w3.org/2000/svg";
const PALETTE = ["#2f6db5", "#d9762b", "#3a9a5b", "#b8434e", "#7a5fb0", "#8c6d3f", "#c760a8", "#6f6f6f"];

function svgElement(name, attributes, text) {
  const element = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes || {})) element.setAttribute(key, value);
  if (text !== undefined) element.textContent = text;
  return element;
}

function chartFrame(width, height, margin) {
  const svg = svgElement("svg", {viewBox: `0 0 ${width} ${height}`, class: "chart", role: "img"});
  const plotHeight = height - margin.top - margin.bottom;
  for (let tick = 0; tick <= 10; tick += 2) {
    const y = margin.top + plotHeight * (1 - tick / 10);
    svg.appendChild(svgElement("line", {x1: margin.left, x2: width - margin.right, y1: y, y2: y, class: "grid"}));
    svg.appendChild(svgElement("text", {x: margin.left - 6, y: y + 4, class: "tick", "text-anchor": "end"},
        `${tick * 10}%`));
  }
  return {svg, plotHeight, plotWidth: width - margin.left - margin.right};
}

function legend(svg, names, x, y) {
  // Each entry as wide as its name, so long names ("raw teacher (before SWA)") never run into the next.
  let offset = 0;
  names.forEach((name, i) => {
    svg.appendChild(svgElement("rect", {x: x + offset, y: y - 10, width: 12, height: 12, fill: PALETTE[i % PALETTE.length]}));
    svg.appendChild(svgElement("text", {x: x + offset + 18, y: y, class: "legend"}, name));
    offset += 18 + name.length * 6.5 + 24;
  });
}

/** A whisker from interval.low to interval.high at x (fractions 0..1 on the chart's scale). */
function errorBar(svg, x, interval, margin, plotHeight, halfCap, label) {
  const y = v => margin.top + plotHeight * (1 - v);
  const group = svgElement("g", {class: "error-bar"});
  group.appendChild(svgElement("line", {x1: x, x2: x, y1: y(interval.low), y2: y(interval.high)}));
  for (const end of [interval.low, interval.high]) {
    group.appendChild(svgElement("line", {x1: x - halfCap, x2: x + halfCap, y1: y(end), y2: y(end)}));
  }
  group.appendChild(svgElement("title", {}, label));
  svg.appendChild(group);
}

function intervalText(interval) {
  return interval ? ` [${(interval.low * 100).toFixed(1)}, ${(interval.high * 100).toFixed(1)}] (95 % CI)` : "";
}

/**
 * series: [{name, values: [number|null per category], intervals: [{low, high}|null per category]}]; values are
 * fractions 0..1. The groups share the plot's whole width; each bar carries its interval as a whisker.
 */
export function barChart(categories, series) {
  const margin = {top: 30, right: 10, bottom: 110, left: 50};
  const width = Math.max(900, categories.length * (series.length * 14 + 16) + margin.left + margin.right);
  const {svg, plotHeight, plotWidth} = chartFrame(width, 380, margin);
  const groupWidth = plotWidth / Math.max(1, categories.length);
  const barWidth = Math.max(4, (groupWidth - 8) / Math.max(1, series.length));
  categories.forEach((category, c) => {
    const x0 = margin.left + c * groupWidth + 4;
    series.forEach((s, i) => {
      const value = s.values[c];
      if (value === null || value === undefined) return;
      const h = plotHeight * value;
      const interval = (s.intervals || [])[c];
      const bar = svgElement("rect", {class: "bar", x: x0 + i * barWidth, y: margin.top + plotHeight - h,
        width: barWidth - 1, height: h, fill: PALETTE[i % PALETTE.length]});
      const label = `${s.name} · ${category}: ${(value * 100).toFixed(1)}%${intervalText(interval)}`;
      bar.appendChild(svgElement("title", {}, label));
      svg.appendChild(bar);
      if (interval) errorBar(svg, x0 + i * barWidth + barWidth / 2, interval, margin, plotHeight,
          Math.min(6, barWidth / 4), label);
    });
    const labelX = x0 + groupWidth / 2;
    const labelY = margin.top + plotHeight + 10;
    svg.appendChild(svgElement("text", {x: labelX, y: labelY, class: "tick", "text-anchor": "end",
      transform: `rotate(-45 ${labelX} ${labelY})`}, category));
  });
  legend(svg, series.map(s => s.name), margin.left, 16);
  return svg;
}

/**
 * xs: labels along the x axis; series: [{name, values: [number|null per x], intervals: [{low, high}|null per x]}].
 * A line joins only neighbouring points: where a value is missing (a severity not scored) the line stops, rather
 * than drawing a straight line through what was never measured.
 */
export function lineChart(xs, series) {
  const margin = {top: 30, right: 20, bottom: 40, left: 50};
  const {svg, plotHeight, plotWidth} = chartFrame(900, 340, margin);
  const step = plotWidth / Math.max(1, xs.length - 1);
  const scored = xs.map((_, j) => series.some(s => s.values[j] !== null && s.values[j] !== undefined));
  xs.forEach((x, i) => svg.appendChild(svgElement("text", {x: margin.left + i * step,
    y: margin.top + plotHeight + 20, class: scored[i] ? "tick" : "tick unscored", "text-anchor": "middle"},
    scored[i] ? x : `${x} (not scored)`)));
  series.forEach((s, i) => {
    const colour = PALETTE[i % PALETTE.length];
    // Models side by side by a few pixels, so their whiskers do not hide each other.
    const shift = (i - (series.length - 1) / 2) * 5;
    const point = j => s.values[j] === null || s.values[j] === undefined ? null
        : [margin.left + j * step + shift, margin.top + plotHeight * (1 - s.values[j])];
    let run = [];
    const flush = () => {
      if (run.length > 1) {
        svg.appendChild(svgElement("polyline", {points: run.map(p => p.join(",")).join(" "), fill: "none",
          stroke: colour, "stroke-width": 2}));
      }
      run = [];
    };
    xs.forEach((x, j) => {
      const p = point(j);
      if (p === null) { flush(); return; }
      run.push(p);
      const label = `${s.name} · ${x}: ${(s.values[j] * 100).toFixed(1)}%${intervalText((s.intervals || [])[j])}`;
      const dot = svgElement("circle", {cx: p[0], cy: p[1], r: 3.5, fill: colour});
      dot.appendChild(svgElement("title", {}, label));
      svg.appendChild(dot);
      const interval = (s.intervals || [])[j];
      if (interval) errorBar(svg, p[0], interval, margin, plotHeight, 4, label);
    });
    flush();
  });
  legend(svg, series.map(s => s.name), margin.left, 16);
  return svg;
}

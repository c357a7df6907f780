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
  names.forEach((name, i) => {
    svg.appendChild(svgElement("rect", {x: x + i * 150, y: y - 10, width: 12, height: 12, fill: PALETTE[i % PALETTE.length]}));
    svg.appendChild(svgElement("text", {x: x + i * 150 + 18, y: y, class: "legend"}, name));
  });
}

/** series: [{name, values: [number|null per category]}]; values are fractions 0..1. */
export function barChart(categories, series) {
  const margin = {top: 30, right: 10, bottom: 110, left: 50};
  const width = Math.max(640, categories.length * (series.length * 14 + 16) + margin.left + margin.right);
  const {svg, plotHeight, plotWidth} = chartFrame(width, 380, margin);
  const groupWidth = plotWidth / Math.max(1, categories.length);
  const barWidth = Math.max(4, (groupWidth - 8) / Math.max(1, series.length));
  categories.forEach((category, c) => {
    const x0 = margin.left + c * groupWidth + 4;
    series.forEach((s, i) => {
      const value = s.values[c];
      if (value === null || value === undefined) return;
      const h = plotHeight * value;
      const bar = svgElement("rect", {class: "bar", x: x0 + i * barWidth, y: margin.top + plotHeight - h,
        width: barWidth - 1, height: h, fill: PALETTE[i % PALETTE.length]});
      bar.appendChild(svgElement("title", {}, `${s.name} · ${category}: ${(value * 100).toFixed(1)}%`));
      svg.appendChild(bar);
    });
    const labelX = x0 + groupWidth / 2;
    const labelY = margin.top + plotHeight + 10;
    svg.appendChild(svgElement("text", {x: labelX, y: labelY, class: "tick", "text-anchor": "end",
      transform: `rotate(-45 ${labelX} ${labelY})`}, category));
  });
  legend(svg, series.map(s => s.name), margin.left, 16);
  return svg;
}

/** xs: labels along the x axis; series: [{name, values: [number|null per x]}]. */
export function lineChart(xs, series) {
  const margin = {top: 30, right: 20, bottom: 40, left: 50};
  const {svg, plotHeight, plotWidth} = chartFrame(640, 320, margin);
  const step = plotWidth / Math.max(1, xs.length - 1);
  xs.forEach((x, i) => svg.appendChild(svgElement("text", {x: margin.left + i * step,
    y: margin.top + plotHeight + 20, class: "tick", "text-anchor": "middle"}, x)));
  series.forEach((s, i) => {
    const colour = PALETTE[i % PALETTE.length];
    const points = s.values.map((v, j) => v === null || v === undefined ? null
        : [margin.left + j * step, margin.top + plotHeight * (1 - v)]).filter(p => p !== null);
    if (points.length > 1) {
      svg.appendChild(svgElement("polyline", {points: points.map(p => p.join(",")).join(" "), fill: "none",
        stroke: colour, "stroke-width": 2}));
    }
    points.forEach(([x, y]) => svg.appendChild(svgElement("circle", {cx: x, cy: y, r: 3.5, fill: colour})));
  });
  legend(svg, series.map(s => s.name), margin.left, 16);
  return svg;
}

/**
 * Accord's SVG charts: small, dependency-free Preact components. Each chart is one labelled image
 * (<title>/<desc>, role="img") with its numbers available as a table. They draw with classes only
 * (no style attributes, so they work under a strict CSP); the look lives in charts.css, which the
 * console links and a shadow root can adopt (import it with ?inline).
 */
export { DistributionBar, DistributionLegend, Meter, ScaleBar } from "./bars";
export { NumbersTable } from "./frame";
export { type Quadrant, QuadrantChart, quadrantName } from "./quadrant";
export { Radar } from "./radar";
export { TrendChart, TrendLegend, type TrendLine, type TrendMarker, type TrendRound, trendDate } from "./trend";

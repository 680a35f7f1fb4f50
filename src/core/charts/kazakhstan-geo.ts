// The outlines of Kazakhstan's first-level units, projected once per boundary edition and kept: the
// 17 units of 2018–2022 and the 20 since 8 June 2022 (reference-data/kz-regions-*.topo.json, from
// geokz, CC BY 4.0). A map drawn on every request only picks the cached paths; nothing is re-read or
// re-projected. Shared borders are simplified once, on the shared arcs, so neighbours stay flush.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { geoConicConformal, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import { z } from 'zod';
import { referenceDataDir } from '../paths.js';

export type BoundaryEdition = '2018' | '2022';

/** Abai, Jetisu and Ulytau regions were created on this day (Presidential Decree of 3 May 2022). */
export const twentyUnitsFrom = '2022-06-08';

/** The boundaries valid on a day: the 17 units before 8 June 2022, the 20 from then. */
export const editionOn = (asOf: string): BoundaryEdition => (asOf < twentyUnitsFrom ? '2018' : '2022');

/** The map's drawing width in viewBox units; the height follows the country's shape. */
export const mapWidth = 600;
const padding = 6;
/** Points closer than this (viewBox units) to a simplified border are dropped: invisible at any width a page gives the map. */
const tolerance = 0.3;

export interface ProjectedUnit {
  kato: string;
  /** SVG path data, in viewBox units. */
  d: string;
  /** [minX, minY, maxX, maxY]. */
  bounds: [number, number, number, number];
}

export interface ProjectedEdition {
  edition: BoundaryEdition;
  width: number;
  height: number;
  /** In KATO order. */
  units: ProjectedUnit[];
}

/** What the cache has done: tests read it to see that a second map reuses the first's work. */
export const geometryStats = { loads: 0, projections: 0 };

const position = z.tuple([z.number(), z.number()]);
const ringArcs = z.array(z.number().int());
const topologyFile = z.object({
  type: z.literal('Topology'),
  transform: z.object({ scale: position, translate: position }),
  arcs: z.array(z.array(position)),
  objects: z.object({
    regions: z.object({
      type: z.literal('GeometryCollection'),
      geometries: z.array(
        z.discriminatedUnion('type', [
          z.object({ type: z.literal('Polygon'), arcs: z.array(ringArcs), properties: z.object({ KATO: z.string().regex(/^\d{9}$/) }) }),
          z.object({ type: z.literal('MultiPolygon'), arcs: z.array(z.array(ringArcs)), properties: z.object({ KATO: z.string().regex(/^\d{9}$/) }) }),
        ]),
      ),
    }),
  }),
});

const editions = new Map<BoundaryEdition, ProjectedEdition>();

/** The projected units of an edition: read and projected on first use, then served from memory. */
export function projectedEdition(edition: BoundaryEdition): ProjectedEdition {
  let projected = editions.get(edition);
  if (!projected) {
    projected = project(edition);
    editions.set(edition, projected);
  }
  return projected;
}

type Point = [number, number];

function project(edition: BoundaryEdition): ProjectedEdition {
  geometryStats.loads += 1;
  const text = readFileSync(path.join(referenceDataDir, `kz-regions-${edition}.topo.json`), 'utf8');
  const topology = topologyFile.parse(JSON.parse(text));
  geometryStats.projections += 1;

  // A conic conformal projection with standard parallels across the country, fitted to the width.
  const collection = feature(topology, topology.objects.regions);
  // No adaptive resampling: the arcs are projected point by point below, and fitting is 5× faster without it.
  const projection = geoConicConformal()
    .rotate([-67, 0])
    .parallels([45, 52])
    .precision(0)
    .fitWidth(mapWidth - 2 * padding, collection);
  const [[x0, y0], [, y1]] = geoPath(projection).bounds(collection);
  const [tx, ty] = projection.translate();
  projection.translate([tx - x0 + padding, ty - y0 + padding]);
  const height = Math.ceil(y1 - y0 + 2 * padding);

  // Every arc decoded (quantised deltas → longitude/latitude), projected and simplified once.
  const { scale, translate } = topology.transform;
  const arcs: Point[][] = topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    const points: Point[] = [];
    for (const [dx, dy] of arc) {
      x += dx;
      y += dy;
      const p = projection([x * scale[0] + translate[0], y * scale[1] + translate[1]]);
      if (p) points.push([p[0], p[1]]);
    }
    return simplify(points, tolerance);
  });

  const ring = (indices: number[]): Point[] => {
    const points: Point[] = [];
    for (const index of indices) {
      const arc = index >= 0 ? arcs[index] : arcs[~index]?.toReversed();
      if (!arc) continue;
      points.push(...(points.length ? arc.slice(1) : arc));
    }
    return points;
  };

  const units = topology.objects.regions.geometries.map((geometry) => {
    const polygons = geometry.type === 'Polygon' ? [geometry.arcs] : geometry.arcs;
    const rings = polygons.flatMap((polygon) => polygon.map(ring)).filter((r) => r.length >= 4);
    const all = rings.flat();
    return {
      kato: geometry.properties.KATO,
      d: rings.map(ringPath).join(''),
      bounds: [Math.min(...all.map((p) => p[0])), Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[0])), Math.max(...all.map((p) => p[1]))] as [number, number, number, number],
    };
  });
  return { edition, width: mapWidth, height, units: units.toSorted((a, b) => a.kato.localeCompare(b.kato)) };
}

const round = (n: number) => Math.round(n * 10) / 10;

/** A closed ring as path data, one decimal, repeated points after rounding left out. */
function ringPath(points: Point[]): string {
  let d = '';
  let last = '';
  for (const [x, y] of points) {
    const here = `${round(x)} ${round(y)}`;
    if (here === last) continue;
    d += `${d ? 'L' : 'M'}${here}`;
    last = here;
  }
  return `${d}Z`;
}

/** Douglas–Peucker: the fewest points that stay within `epsilon` of the line; the ends are kept. */
export function simplify(input: Point[], epsilon: number): Point[] {
  // First drop the points within epsilon of the last one kept (cheap), then Douglas–Peucker on the rest.
  const points: Point[] = [];
  for (let i = 0; i < input.length; i++) {
    const p = input[i]!;
    const last = points.at(-1);
    if (!last || i === input.length - 1 || Math.hypot(p[0] - last[0], p[1] - last[1]) > epsilon / 2) points.push(p);
  }
  if (points.length <= 2) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop()!;
    const [ax, ay] = points[first]!;
    const [bx, by] = points[last]!;
    const dx = bx - ax;
    const dy = by - ay;
    const length = Math.hypot(dx, dy);
    let farthest = -1;
    let distance = epsilon;
    for (let i = first + 1; i < last; i++) {
      const [px, py] = points[i]!;
      // Distance to the segment (to the point itself when a ring's ends meet).
      const d = length === 0 ? Math.hypot(px - ax, py - ay) : Math.abs(dy * px - dx * py + bx * ay - by * ax) / length;
      if (d > distance) {
        distance = d;
        farthest = i;
      }
    }
    if (farthest >= 0) {
      keep[farthest] = 1;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

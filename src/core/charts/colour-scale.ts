// A sequential colour scale in classes for choropleth maps: equal, rounded intervals over the
// values (or a given domain, e.g. 0–1 for shares), light to dark in one hue, so the order reads
// the same with any colour vision and in greyscale.
import { scaleQuantize } from 'd3-scale';

/** ColorBrewer "Blues", 5 classes (colour-blind safe, print friendly), lightest first. */
export const sequentialBlues = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'] as const;

export interface ColourClass {
  from: number;
  to: number;
  colour: string;
}

export interface ColourScale {
  classes: ColourClass[];
  /** The class colour of a value; null for no value (null, NaN, ±Infinity). */
  colourOf(value: number | null | undefined): string | null;
}

export const hasValue = (value: number | null | undefined): value is number => typeof value === 'number' && Number.isFinite(value);

export function colourScale(values: Iterable<number | null | undefined>, domain?: readonly [number, number], colours: readonly string[] = sequentialBlues): ColourScale {
  const known = [...values].filter(hasValue);
  let [lo, hi] = domain && hasValue(domain[0]) && hasValue(domain[1]) ? [Math.min(...domain), Math.max(...domain)] : [Math.min(0, ...known), Math.max(...known, 0)];
  if (!(hi > lo)) hi = lo + 1;
  const scale = scaleQuantize<string>().domain([lo, hi]).range([...colours]);
  // Rounded bounds only when the domain was not given (a given 0–1 stays 0–1).
  if (!domain) scale.nice(colours.length);
  const [from, to] = scale.domain() as [number, number];
  const bounds = [from, ...scale.thresholds(), to];
  return {
    classes: colours.map((colour, i) => ({ from: bounds[i]!, to: bounds[i + 1]!, colour })),
    colourOf: (value) => (hasValue(value) ? scale(value) : null),
  };
}

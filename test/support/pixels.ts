import { PNG } from 'pngjs';

/** How many pixels of a PNG have the colour `hex` (#rrggbb), give or take rounding. */
export function pixelsOf(png: Buffer, hex: string): number {
  const image = PNG.sync.read(png);
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let count = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    if (
      Math.abs(image.data[i]! - r!) <= 2 &&
      Math.abs(image.data[i + 1]! - g!) <= 2 &&
      Math.abs(image.data[i + 2]! - b!) <= 2
    )
      count++;
  }
  return count;
}

/**
 * The segments of the card's progress bar, start to end in image order: the first row below the
 * brand band (`fromY`) where runs of bar colours span most of the width, each run as its colour.
 */
export function progressSegments(png: Buffer, colours: string[], fromY: number): string[] {
  const image = PNG.sync.read(png);
  const rgb = colours.map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));
  const colourAt = (x: number, y: number) => {
    const i = (y * image.width + x) * 4;
    const found = rgb.findIndex((c) => c.every((v, k) => Math.abs(image.data[i + k]! - v) <= 2));
    return found < 0 ? null : colours[found]!;
  };
  for (let y = fromY; y < image.height; y++) {
    const runs: string[] = [];
    let covered = 0;
    let previous: string | null = null;
    for (let x = 0; x < image.width; x++) {
      const colour = colourAt(x, y);
      if (colour) covered++;
      if (colour && colour !== previous) runs.push(colour);
      previous = colour;
    }
    if (covered > image.width * 0.8) return runs;
  }
  return [];
}

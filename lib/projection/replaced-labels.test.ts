import { describe, expect, it } from 'vitest';
import type { StatusCode } from '@/lib/status/vocabulary';
import { bundle, checkpoint, hoursAgo, input } from './fixtures';
import { projectOrder } from './project-order';
import { deliveredCount, isReplacedLabel, liveTrackings } from './replaced-labels';

const parcel = (code: StatusCode, id: number) =>
  bundle([checkpoint(code, hoursAgo(10 - id))], { id, public_id: `trk_${id}`, position: id });

describe('replaced labels', () => {
  it('a cancelled label next to another parcel is replaced and not counted', () => {
    const info = projectOrder(
      input([parcel('Cancelled', 1), parcel('Delivered', 2), parcel('InTransit', 3)]),
    );
    expect(info.trackings.map((t) => isReplacedLabel(t, info))).toEqual([true, false, false]);
    expect(liveTrackings(info).map((t) => t.tracking_id)).toEqual(['trk_2', 'trk_3']);
    expect(deliveredCount(info)).toEqual({ delivered: 1, total: 2 });
  });

  it('when every label was cancelled, they all still count', () => {
    const info = projectOrder(input([parcel('Cancelled', 1), parcel('Cancelled', 2)]));
    expect(liveTrackings(info)).toHaveLength(2);
    expect(deliveredCount(info)).toEqual({ delivered: 0, total: 2 });
  });
});

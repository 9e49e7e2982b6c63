import { formatAgorot } from './money';

/** An amount in ₪ as an isolated left-to-right run, so it reads right inside Hebrew text. */
export function Money({ agorot }: { agorot: number }) {
  return (
    <bdi dir="ltr" className="money">
      {formatAgorot(agorot)}
    </bdi>
  );
}

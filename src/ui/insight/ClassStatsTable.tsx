// Per digit: test images, recall, precision and one-against-the-rest accuracy, read off the confusion matrix.
import { formatCount, formatFraction } from '../format';
import { classStats } from './confusion-stats';

const figure = (value: number | null): string => (value === null ? '–' : formatFraction(value));

export function ClassStatsTable({ confusion }: { confusion: readonly number[] }) {
  return (
    <table className="class-stats">
      <caption>Per digit</caption>
      <thead>
        <tr>
          <th scope="col">Digit</th>
          <th scope="col">Images</th>
          <th scope="col" title="Of this digit's images, the share predicted as it">
            Recall
          </th>
          <th scope="col" title="Of the images predicted as this digit, the share that are it">
            Precision
          </th>
          <th scope="col" title="Of all test images, the share where “is it this digit?” is answered right">
            Accuracy
          </th>
        </tr>
      </thead>
      <tbody>
        {classStats(confusion).map((stats) => (
          <tr key={stats.digit}>
            <th scope="row">{stats.digit}</th>
            <td>{formatCount(stats.images)}</td>
            <td>{figure(stats.recall)}</td>
            <td>{figure(stats.precision)}</td>
            <td>{figure(stats.accuracy)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

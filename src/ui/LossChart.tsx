// Train loss by step and test accuracy by step, drawn with recharts (no animation, so it keeps up with training).
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useAppStore } from '../store/app-store';

export function LossChart() {
  const points = useAppStore((state) => state.trainMetrics);
  if (points.length === 0) return null;
  return (
    <figure className="chart" aria-label="train loss by step">
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" opacity={0.4} />
          <XAxis dataKey="step" type='number' domain={['dataMin', 'dataMax']} label={{ value: 'step', position: 'insideBottom', offset: -8 }} />
          <YAxis domain={[0, 'auto']} label={{ value: 'train loss', angle: -90, position: 'insideLeft', offset: 12 }} />
          <Tooltip formatter={(value) => (typeof value === 'number' ? value.toFixed(4) : value)} />
          <Line dataKey="loss" name="train loss" dot={false} isAnimationActive={false} stroke="var(--accent)" />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

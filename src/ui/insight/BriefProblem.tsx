// A request's error, shown in place for a few seconds (key it by the answer, so a new error shows again).
import { useEffect, useState } from 'react';

const SHOWN_MS = 6000;

export function BriefProblem({ message }: { message: string }) {
  const [shown, setShown] = useState(true);
  useEffect(() => {
    const timer = setTimeout(() => setShown(false), SHOWN_MS);
    return () => clearTimeout(timer);
  }, []);
  return shown ? (
    <p className="problem insight-problem" role="status">
      {message}
    </p>
  ) : null;
}

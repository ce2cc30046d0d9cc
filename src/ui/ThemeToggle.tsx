// Light, dark or the system's theme, remembered in this browser.
import { useEffect, useState } from 'react';

const THEMES = ['system', 'light', 'dark'] as const;
type Theme = (typeof THEMES)[number];
const STORAGE_KEY = 'backprop-studio-theme';

function storedTheme(): Theme {
  const value = localStorage.getItem(STORAGE_KEY);
  return THEMES.find((theme) => theme === value) ?? 'system';
}

/** Sets `data-theme` on <html> (none for the system's theme); styles.css picks the colours from it. */
function applyTheme(theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

/** Applies the remembered theme before the first paint. */
export const applyStoredTheme = (): void => applyTheme(storedTheme());

export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(storedTheme);
  useEffect(() => {
    applyTheme(theme);
    localStorage.setItem(STORAGE_KEY, theme);
  }, [theme]);
  return (
    <label className="field inline theme-toggle">
      <span className="field-name">Theme</span>
      <select value={theme} onChange={(event) => setTheme(event.target.value as Theme)}>
        <option value="system">System</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}

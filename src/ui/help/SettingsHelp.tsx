// What each setting does, one line each, from the same texts the settings form shows at its fields.
export function SettingsHelp() {
  return null;
}

// What each setting does, one line each, from the same texts the settings form shows at its fields.
import { SETTING_HELP } from '../training/setting-help';

/** Schedule kinds read as "LR schedule: Cosine" here (in the form they are the schedule's options). */
const rowName = (key: string, name: string): string => (key.startsWith('schedule') && key !== 'schedule' ? `${SETTING_HELP.schedule.name}: ${name}` : name);

export function SettingsHelp() {
  return (
    <table className="help-settings">
      <caption>Training settings</caption>
      <tbody>
        {Object.entries(SETTING_HELP).map(([key, { name, help }]) => (
          <tr key={key}>
            <th scope="row">{rowName(key, name)}</th>
            <td>{help}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// What each setting does, one line each, from the same texts the settings form shows at its fields.
import { SETTING_HELP } from '../training/setting-help';

export function SettingsHelp() {
  return (
    <table className="help-settings">
      <caption>Training settings</caption>
      <tbody>
        {Object.entries(SETTING_HELP).map(([key, { name, help }]) => (
          <tr key={key}>
            <th scope="row">{name}</th>
            <td>{help}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

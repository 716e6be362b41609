import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';

/** Load a saved profile into the shown connection form. */
export function ProfilePicker() {
  const t = useT();
  const profiles = useApp((state) => state.settings.profiles);
  const name = useApp((state) => state.settings.profileName);
  return (
    <select
      className="profile-picker"
      aria-label={t('connection:profile.label')}
      value={profiles.some((profile) => profile.name === name) ? name : ''}
      onChange={(event) => getAppStore().getState().settings.applyProfile(event.target.value)}
    >
      <option value="">{profiles.length === 0 ? t('connection:profile.none') : t('connection:profile.choose')}</option>
      {profiles.map((profile) => <option key={profile.name} value={profile.name}>{profile.name}</option>)}
    </select>
  );
}

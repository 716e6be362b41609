import { getAppStore, useApp } from '../../store/app-store.js';

/** Load a saved profile into the connection form. */
export function ProfilePicker() {
  const profiles = useApp((state) => state.settings.profiles);
  const name = useApp((state) => state.settings.profileName);
  return (
    <select
      aria-label="Profile"
      value={profiles.some((profile) => profile.name === name) ? name : ''}
      onChange={(event) => getAppStore().getState().settings.applyProfile(event.target.value)}
    >
      <option value="">{profiles.length === 0 ? 'No profiles' : 'Profile…'}</option>
      {profiles.map((profile) => <option key={profile.name} value={profile.name}>{profile.name}</option>)}
    </select>
  );
}

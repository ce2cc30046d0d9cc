// A yes/no choice remembered in this browser (localStorage), with its default where nothing is stored or there is no storage.

export interface RememberedFlag {
  read(): boolean;
  write(on: boolean): void;
}

export function rememberedFlag(key: string, fallback: boolean): RememberedFlag {
  const storage = (): Storage | undefined => (typeof localStorage === 'undefined' ? undefined : localStorage);
  return {
    read: () => {
      const value = storage()?.getItem(key);
      return value === 'true' ? true : value === 'false' ? false : fallback;
    },
    write: (on) => storage()?.setItem(key, String(on)),
  };
}

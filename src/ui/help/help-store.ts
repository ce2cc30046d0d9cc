// Whether the help sheet (shortcuts and what each setting does) is open: one flag the header, the ? key and the sheet share.
import { create } from 'zustand';

export const useHelpStore = create<{ open: boolean }>()(() => ({ open: false }));

export const openHelp = (): void => useHelpStore.setState({ open: true });
export const closeHelp = (): void => useHelpStore.setState({ open: false });

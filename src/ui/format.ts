// Number formatting shared by the panels (fixed locale so text is the same everywhere).

const integer = new Intl.NumberFormat('en-US');

export const formatCount = (value: number): string => integer.format(value);

/** Bytes as MB with one decimal (decimal megabytes, as storage is usually quoted). */
export const formatMegabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

/** `loadCellClock` -> `LOAD_CELL_CLOCK`, `preloadNDefault` -> `PRELOAD_N_DEFAULT`: camelCase split at case changes. */
export function screamingSnake(camelCase: string): string {
  return camelCase
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toUpperCase();
}

/** A command as a TS value name: `VDROP` -> `vdrop` (`requests.vdrop`, `vdropReplyFromFields`). */
export function commandValueName(command: string): string {
  return command.toLowerCase();
}

/** A command as a TS type name: `VDROP` -> `Vdrop` (`VdropReply`). */
export function commandTypeName(command: string): string {
  return command.charAt(0).toUpperCase() + command.slice(1).toLowerCase();
}

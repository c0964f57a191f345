/**
 * The insulation-resistance limit when a plan gives none and the DUT spec states none (the WAGO 831
 * datasheet rates voltages, not an insulation resistance). End-of-line practice asks ≥ 100 MΩ at 500 V DC
 * (standards.md), which needs a 500 V tester; this rig's meter works at 5 V and reads 10 kΩ to 50 MΩ.
 * 10 MΩ sits inside that range with a budget of about ± 2 % (k = 2), so a verdict near it is sound, and
 * it is still a thousand times what a contaminated or cracked housing (tens of kΩ) gives.
 */
export const INSULATION_DEFAULT = {
  minMohm: 10,
  source:
    'plan default 10 MΩ at 5 V: a low-voltage screen for leakage paths; the ≥ 100 MΩ at 500 V DC of end-of-line practice (standards.md) needs a hipot tester, and this rig reads 10 kΩ to 50 MΩ',
} as const;

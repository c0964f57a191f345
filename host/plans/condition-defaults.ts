/**
 * Tolerances of test conditions (the current that flowed, the force rate, the hold) where no standard
 * used here states one: plan figures with these defaults, each saying so in the record. A step whose actual condition falls outside
 * its tolerance is ERROR "condition not met": its values were not measured as the test specifies.
 */
export const CONDITION_DEFAULTS = {
  /**
   * The voltage drop is judged at the nominal test current (the measured resistance times it), so a
   * current a few percent off does not bias the verdict; beyond ±5 % the contact is no longer tested
   * at the load the standard means (heating, fritting of surface films differ).
   */
  vdropCurrentTolerancePct: {
    value: 5,
    max: 50,
    source: 'plan default 5 % (IEC 60947-7-1 gives the test current, no tolerance for it)',
  },
} as const;

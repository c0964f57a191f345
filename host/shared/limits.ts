/**
 * The host's own limits, in one place. The wire format's limits are in firmware-protocol/codes.yaml
 * (generated into the firmware and the host), a rig's ranges in its rig definition.
 */
export const HOST_LIMITS = {
  /**
   * Free space a results folder must have before `run` or `resume` starts. One production-qc run
   * writes about 0.5 MB (journal 80 kB, run.json 150 kB, report.html 140 kB, history 120 kB); a type
   * test with long holds and an hour of temperature readings a few MB. 32 MiB leaves room for the
   * longest plan and a growing history database, so a run does not start on a disk about to fill.
   */
  resultsMinFreeBytes: 32 * 1024 * 1024,
  /**
   * Ceilings of plan figures whose real bound is a rig figure from INFO (force cap, maximum test
   * current and speed, temperature limit) or that no command carries (the limits a measurement is
   * judged by). A plan file is checked before any rig is known, so these refuse only what no rig
   * could mean: a typo, a figure in the wrong unit, 1e300. Pre-flight then checks each figure
   * against the connected rig's own limit; bounds the protocol fixes come from commands.yaml.
   */
  planCeilings: {
    /** 50 × the largest pull-out force tabled (IEC 60999-1, 35 mm²: 190 N); load cells of such rigs stop at a few kN. */
    forceN: 10_000,
    /** 17 × the largest test current tabled (IEC 60947-7-1, 10 mm²: 57 A); no bench source for terminals nears 1 kA. */
    currentA: 1_000,
    /** Bench pullers move a few mm/s; 1 m/s would be a crash, not a test. */
    speedMmps: 1_000,
    /** Above any thermocouple a bench uses (type K reads to about 1,250 °C but no plastic housing survives 1,000 °C); also the rise limit in K. */
    temperatureC: 1_000,
    /** 300 × the IEC 60947-7-1 limit (3.2 mV); a volt across a clamping point is a broken contact, not a limit. */
    dropMv: 1_000,
    /** Equilibrium is a change below about 1 K/h; a criterion of 1,000 K/h could never tell heating from equilibrium. */
    equilibriumKPerHour: 1_000,
    /** A week: temperature-rise runs take hours per pole, never days. */
    durationS: 7 * 24 * 3600,
    /** 1 TΩ: ten times the 100 MΩ a 500 V insulation test typically asks (standards.md); no bench meter resolves more. */
    insulationMohm: 1_000_000,
  },
  panel: {
    /** Largest request body the panel reads (its requests are a serial number or an answer). */
    requestBodyMaxBytes: 4096,
    /** Finished units listed with their report and CSV links. */
    lastResults: 20,
    /** Force samples kept for the live plot of one pull: a 60 s type-test hold at 80 Hz is 4,800. */
    curvePointsMax: 20_000,
    /** How often changes go out to the pages: a plot that moves smoothly, not one message per sample. */
    flushEveryMs: 50,
    /** Pages connected at once (a line has one screen per station; more is a leak or a scan). */
    pagesMax: 16,
  },
} as const;

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

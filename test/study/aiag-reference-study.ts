/**
 * The gauge study of AIAG MSA 4th ed. (chapter III, section B: 10 parts, appraisers A, B, C, 3 trials), as
 * also shipped with Minitab (GAGEAIAG). values[part][appraiser][trial]. Published results, with the
 * interaction pooled (its p = 0.974 > 0.25): SS appraiser 3.1673, parts 88.3619, interaction 0.3590,
 * equipment 2.7589, total 94.6471; pooled repeatability SS 3.1179 on 78 df; variance components GRR 0.09143,
 * repeatability 0.03997, reproducibility 0.05146, part 1.08645; %study variation 27.86 / 18.42 / 20.90 /
 * 96.04; %contribution 7.76 / 3.39 / 4.37 / 92.24; ndc 4.
 */
const BY_APPRAISER_TRIAL: Record<'A' | 'B' | 'C', number[][]> = {
  A: [
    [0.29, -0.56, 1.34, 0.47, -0.8, 0.02, 0.59, -0.31, 2.26, -1.36],
    [0.41, -0.68, 1.17, 0.5, -0.92, -0.11, 0.75, -0.2, 1.99, -1.25],
    [0.64, -0.58, 1.27, 0.64, -0.84, -0.21, 0.66, -0.17, 2.01, -1.31],
  ],
  B: [
    [0.08, -0.47, 1.19, 0.01, -0.56, -0.2, 0.47, -0.63, 1.8, -1.68],
    [0.25, -1.22, 0.94, 1.03, -1.2, 0.22, 0.55, 0.08, 2.12, -1.62],
    [0.07, -0.68, 1.34, 0.2, -1.28, 0.06, 0.83, -0.34, 2.19, -1.5],
  ],
  C: [
    [0.04, -1.38, 0.88, 0.14, -1.46, -0.29, 0.02, -0.46, 1.77, -1.49],
    [-0.11, -1.13, 1.09, 0.2, -1.07, -0.67, 0.01, -0.56, 1.45, -1.77],
    [-0.15, -0.96, 0.67, 0.11, -1.45, -0.49, 0.21, -0.49, 1.87, -2.16],
  ],
};

export const AIAG_VALUES: number[][][] = Array.from({ length: 10 }, (_, part) =>
  (['A', 'B', 'C'] as const).map((appraiser) => BY_APPRAISER_TRIAL[appraiser].map((trial) => trial[part]!)),
);

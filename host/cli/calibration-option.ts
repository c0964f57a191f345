import { Option } from 'commander';
import { identifierProblem } from '../shared/identifier-text.js';
import { textOption } from '../shared/usage-error.js';

/** Longest reason kept with a run that overrides the calibration check. */
const REASON_MAX_CHARS = 200;

/** `--allow-uncalibrated "<reason>"`: run on a rig whose calibration is not valid; every output says NOT FOR RELEASE. */
export function allowUncalibratedOption(): Option {
  return new Option(
    '--allow-uncalibrated <reason>',
    'run although the rig\'s calibration is expired, missing or its checksum does not match, for this reason (recorded); every output is marked NOT FOR RELEASE',
  ).argParser(textOption('--allow-uncalibrated', (text) => identifierProblem('reason', text, REASON_MAX_CHARS)));
}

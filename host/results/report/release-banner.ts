import type { TestRecord } from '../../runner/test-record.js';
import { html, type Markup } from './html.js';

/** Above the verdict, for a run made with a calibration that was not valid: the record must not be released. */
export function renderReleaseBanner(record: TestRecord): Markup | false {
  if (record.release === undefined || record.release.forRelease) return false;
  return html`<section class="banner banner-not-for-release" role="alert">
<div class="banner-word">NOT FOR RELEASE</div>
<div class="banner-text"><p>${record.release.reason ?? 'the rig was not validly calibrated'}</p></div>
</section>`;
}

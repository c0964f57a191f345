#include "pull.h"
#include <Arduino.h>
#include "config.h"
#include "loadcell.h"
#include "report.h"
#include "safety.h"
#include "settings.h"
#include "stepper.h"
#include "system.h"

#define PHASE_IDLE 0
#define PHASE_APPROACH 1
#define PHASE_RAMP 2
#define PHASE_HOLD 3
#define PHASE_RETURN 4  // release (until below the preload) and return to 0: one motion

#define RESULT_HELD 0
#define RESULT_SLIP 1
#define RESULT_PULLOUT 2
#define RESULT_NOLOAD 3

static uint16_t op_id;  // the PULL request's id, for DONE and RESULT
static const char RESULT_HELD_TEXT[] PROGMEM = "held";
static const char RESULT_SLIP_TEXT[] PROGMEM = "slip";
static const char RESULT_PULLOUT_TEXT[] PROGMEM = "pullout";
static const char RESULT_NOLOAD_TEXT[] PROGMEM = "noload";
static const char* const RESULT_TEXTS[] PROGMEM = {RESULT_HELD_TEXT, RESULT_SLIP_TEXT, RESULT_PULLOUT_TEXT, RESULT_NOLOAD_TEXT};

static uint8_t phase;
static uint8_t result;
static float target_n, rate_nps, preload_n, approach_mmps;
static uint32_t hold_ms;
static uint32_t start_ms, last_reading_ms, hold_start_ms;
static uint16_t sample_n;
static float setpoint_n, peak_n, hold_min_n, hold_max_n, slip_mm;
static bool hold_reached;
static int32_t hold_start_pos;
static int32_t approach_start_pos;
static float stiffness_npmm;
static float kp_mmps_per_n;  // the control loop's gain for stiffness_npmm (set_stiffness)
static bool stiffness_measured;
static int32_t stiffness_ref_pos;
static float stiffness_ref_n;
static bool taut_seen;  // a reading of the approach showed the conductor taut: stiffness_ref_* holds it

// The control loop's gain Kp follows the stiffness estimate (control()): computed when that changes,
// not on each reading.
static void set_stiffness(float npmm) {
  const float periodS = (float)RIG_CONTROL_PERIOD_MS / 1000.0f;
  stiffness_npmm = npmm;
  kp_mmps_per_n = PULL_LOOP_GAIN / (stiffness_npmm * periodS);
}

void pull_start(uint16_t id, float targetN, float rateNps, uint32_t holdMs, float preloadN, float approachMmps) {
  system_begin_op(OP_PULL, id);
  op_id = id;
  report_ok(id);
  target_n = targetN;
  rate_nps = rateNps;
  hold_ms = holdMs;
  preload_n = preloadN;
  approach_mmps = approachMmps;
  start_ms = last_reading_ms = millis();
  sample_n = 0;
  peak_n = hold_min_n = hold_max_n = slip_mm = 0;
  hold_reached = false;
  set_stiffness(PULL_STIFFNESS_INIT_NPMM);
  stiffness_measured = false;
  taut_seen = false;
  result = RESULT_HELD;
  int32_t pos = stepper_position();
  approach_start_pos = pos;
  stepper_take_stop_reason();
  stepper_set_limits(pos < 0 ? pos : 0, TRAVEL_STEPS);
  phase = PHASE_APPROACH;
  stepper_set_speed(approach_mmps * STEPS_PER_MM);
}

static void done(const char* resultP, uint8_t alarmCode) {
  phase = PHASE_IDLE;
  report_done_begin(PSTR("PULL"), op_id);
  report_str_P(PSTR(" result="));
  report_str_P(resultP);
  report_key(PSTR("peakN"));
  report_fixed(peak_n, 2);
  report_key(PSTR("holdMinN"));
  report_fixed(hold_min_n, 2);
  report_key(PSTR("holdMaxN"));
  report_fixed(hold_max_n, 2);
  report_key(PSTR("slipMm"));
  report_fixed(slip_mm, 4);
  report_key(PSTR("samples"));
  report_u32(sample_n);
  report_key(PSTR("durMs"));
  report_u32(millis() - start_ms);
  if (alarmCode) {
    report_key(PSTR("alarm"));
    report_u32(alarmCode);
  }
  report_end();
}

static void begin_return(uint8_t why) {
  result = why;
  phase = PHASE_RETURN;
  stepper_set_speed(-MAX_SPEED_STEPS_PER_S);
}

// Closed-loop force control: speed = Kp * error + feed-forward, Kp scaled to the estimated
// stiffness so the loop gain per period stays PULL_LOOP_GAIN whatever the conductor.
static void control(float forceN, float feedForwardNps) {
  float mmps = kp_mmps_per_n * (setpoint_n - forceN);
  if (feedForwardNps != 0) mmps += feedForwardNps / stiffness_npmm;
  float maxMmps = (float)RIG_MOTION_MAX_SPEED_MMPS;
  if (mmps > maxMmps) mmps = maxMmps;
  if (mmps < -maxMmps) mmps = -maxMmps;
  stepper_set_speed(mmps * STEPS_PER_MM);
}

// Stiffness dF/dx from the ramp, once the puller has moved a window further or the force has risen
// by a window (a stiffness guessed too high moves the puller slowly: the force window comes first).
// windowN: the force rise that is enough (less at the ramp's start, where any estimate beats the guess).
static void update_stiffness(float forceN, int32_t pos, float windowN) {
  int32_t dx = pos - stiffness_ref_pos;
  if (dx < PULL_STIFFNESS_MIN_STEPS) return;
  if (dx < PULL_STIFFNESS_WINDOW_STEPS && forceN - stiffness_ref_n < windowN) return;
  float measured = (forceN - stiffness_ref_n) * STEPS_PER_MM / (float)dx;
  stiffness_ref_pos = pos;
  stiffness_ref_n = forceN;
  if (measured < PULL_STIFFNESS_MIN_NPMM) measured = PULL_STIFFNESS_MIN_NPMM;
  if (measured > PULL_STIFFNESS_MAX_NPMM) measured = PULL_STIFFNESS_MAX_NPMM;
  if (!stiffness_measured) {
    set_stiffness(measured);
    stiffness_measured = true;
  } else {
    float next = 0.5f * (stiffness_npmm + measured);
    // never more than halve at once: a yielding conductor must not make the loop hot
    set_stiffness(next < 0.5f * stiffness_npmm ? 0.5f * stiffness_npmm : next);
  }
}

void pull_on_reading() {
  if (phase == PHASE_IDLE || system_op() != OP_PULL) return;
  uint32_t now = millis();
  float f = loadcell_force_n();
  int32_t pos = stepper_position();
  uint32_t sinceLastMs = now - last_reading_ms;
  last_reading_ms = now;
  report_sample(++sample_n, now - start_ms, f, (float)pos / STEPS_PER_MM);

  if (phase == PHASE_RAMP || phase == PHASE_HOLD) {
    if (f > peak_n) peak_n = f;
    if (f < (float)LIMIT_PULLOUT_COLLAPSE_RATIO * peak_n) {
      stepper_stop();
      report_alarm_begin(ALARM_PULLOUT);
      report_key(PSTR("peakN"));
      report_fixed(peak_n, 2);
      report_key(PSTR("forceN"));
      report_fixed(f, 2);
      report_end();
      begin_return(RESULT_PULLOUT);
      return;
    }
  }
  switch (phase) {
    case PHASE_APPROACH:
      if (f < preload_n) {
        if (f > peak_n) peak_n = f;
        // The first taut reading: with the one that ends the approach it gives the stiffness before the
        // ramp, so the ramp's feed-forward is right from its start and the force never lags to catch up later.
        if (!taut_seen && f > PULL_TAUT_N) {
          taut_seen = true;
          stiffness_ref_pos = pos;
          stiffness_ref_n = f;
        }
        // An empty grip is a result, not a fault: no alarm, home as after any pull, and the host tests the next pole.
        if (pos - approach_start_pos > MAX_SLACK_STEPS) begin_return(RESULT_NOLOAD);
        return;
      }
      phase = PHASE_RAMP;
      setpoint_n = f > preload_n ? f : preload_n;
      if (setpoint_n > target_n) setpoint_n = target_n;
      peak_n = f;
      if (taut_seen) {
        update_stiffness(f, pos, PULL_TAUT_N);  // too short a window: the first ramp window goes on from the taut reading
      } else {
        stiffness_ref_pos = pos;
        stiffness_ref_n = f;
      }
      control(f, rate_nps);
      return;
    case PHASE_RAMP: {
      update_stiffness(f, pos, PULL_STIFFNESS_WINDOW_N);
      float dtS = (float)sinceLastMs / 1000.0f;
      if (dtS > 0.05f) dtS = 0.05f;
      setpoint_n += rate_nps * dtS;
      {
        // A force that lags (the stiffness still guessed too high) must not be caught up later faster
        // than the rate: the setpoint waits for it instead.
        // Never closer than a few sigma of the cell's noise: the cap follows the noisy force, and a lead
        // below its noise would ratchet the setpoint down on every low reading (a slow ramp would lag).
        float leadN = PULL_MAX_LEAD_PERIODS * rate_nps * ((float)RIG_CONTROL_PERIOD_MS / 1000.0f);
        if (leadN < PULL_MIN_LEAD_N) leadN = PULL_MIN_LEAD_N;
        if (setpoint_n > f + leadN) setpoint_n = f + leadN;
      }
      if (setpoint_n >= target_n) {
        setpoint_n = target_n;
        phase = PHASE_HOLD;
        hold_reached = true;
        hold_start_ms = now;
        hold_start_pos = pos;
        hold_min_n = hold_max_n = f;
        control(f, 0);
        return;
      }
      control(f, rate_nps);
      return;
    }
    case PHASE_HOLD:
      if (f < hold_min_n) hold_min_n = f;
      if (f > hold_max_n) hold_max_n = f;
      slip_mm = (float)(pos - hold_start_pos) / STEPS_PER_MM;
      if (slip_mm > settings.slipLimitMm) { begin_return(RESULT_SLIP); return; }
      if ((uint32_t)(now - hold_start_ms) >= hold_ms) { begin_return(RESULT_HELD); return; }
      control(f, 0);
      return;
    default:  // PHASE_RETURN: keep going to 0 (the release ends when the force is below the preload)
      return;
  }
}

bool pull_next_ms(uint32_t* atMs) {
  if (phase == PHASE_IDLE || system_op() != OP_PULL) return false;
  if (!stepper_moving()) {
    *atMs = millis();
    return true;
  }
  if (phase != PHASE_HOLD) return false;
  *atMs = hold_start_ms + hold_ms;
  return true;
}

void pull_poll() {
  if (phase == PHASE_IDLE || system_op() != OP_PULL) return;
  // The hold ends on the clock, not at the next load-cell reading: exactly holdMs, no reading period added.
  if (phase == PHASE_HOLD && (uint32_t)(millis() - hold_start_ms) >= hold_ms) {
    begin_return(RESULT_HELD);
    return;
  }
  if (stepper_moving()) return;
  uint8_t reason = stepper_take_stop_reason();
  if (reason != STEPPER_STOP_LIMIT) return;
  if (stepper_position() >= TRAVEL_STEPS) {
    safety_raise(ALARM_TRAVEL_LIMIT, PSTR("posMm"), stepper_position_mm(), 4);
    return;
  }
  if (phase == PHASE_RETURN) {
    system_end_op();
    done((const char*)pgm_read_word(&RESULT_TEXTS[result]), 0);
  }
  // at 0 during the ramp or hold: the controller asked to push; standing still is right
}

void pull_cancel(uint8_t alarmCode) {
  stepper_stop();
  done(alarmCode ? PSTR("alarm") : PSTR("aborted"), alarmCode);
}

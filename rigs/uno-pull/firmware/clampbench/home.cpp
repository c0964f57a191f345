#include "home.h"
#include <Arduino.h>
#include "config.h"
#include "report.h"
#include "safety.h"
#include "stepper.h"
#include "system.h"

static bool running;
static uint16_t op_id;  // the HOME request's id, for DONE and RESULT

static void done(const char* resultP, uint8_t alarmCode) {
  running = false;
  stepper_stop_at_home(false);
  stepper_set_limits(0, TRAVEL_STEPS);
  report_done_begin(PSTR("HOME"), op_id);
  report_str_P(PSTR(" result="));
  report_str_P(resultP);
  report_key(PSTR("posMm"));
  report_fixed(stepper_position_mm(), 4);
  if (alarmCode) {
    report_key(PSTR("alarm"));
    report_u32(alarmCode);
  }
  report_end();
}

void home_start(uint16_t id) {
  system_begin_op(OP_HOME, id);
  op_id = id;
  report_ok(id);
  running = true;
  stepper_take_stop_reason();
  if (safety_at_home()) {
    stepper_set_position(0);
    system_end_op();
    done(PSTR("ok"), 0);
    return;
  }
  int32_t pos = stepper_position();
  stepper_set_limits(pos - HOMING_MAX_STEPS, pos > TRAVEL_STEPS ? pos : TRAVEL_STEPS);
  stepper_stop_at_home(true);
  stepper_set_speed(-MAX_SPEED_STEPS_PER_S);
}

bool home_next_ms(uint32_t* atMs) {
  if (!running || stepper_moving()) return false;
  *atMs = millis();
  return true;
}

void home_poll() {
  if (!running || stepper_moving()) return;
  uint8_t reason = stepper_take_stop_reason();
  if (reason == STEPPER_STOP_HOME) {
    stepper_set_position(0);
    system_end_op();
    done(PSTR("ok"), 0);
  } else if (reason == STEPPER_STOP_LIMIT) {
    safety_raise(ALARM_HOMING_FAILED, PSTR("posMm"), stepper_position_mm(), 4);
  }
  // STEPPER_STOP_ESTOP: safety_poll raises ALARM:1, which ends the homing.
}

void home_cancel(uint8_t alarmCode) {
  stepper_stop();
  done(alarmCode ? PSTR("alarm") : PSTR("aborted"), alarmCode);
}

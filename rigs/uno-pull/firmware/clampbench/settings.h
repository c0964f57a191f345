// Settings kept in EEPROM: a block with magic, version, the values and a CRC-16.
#ifndef SETTINGS_H
#define SETTINGS_H
#include <stdint.h>
#include "config.h"

struct Settings {
  char rigId[LIMIT_RIG_ID_MAX_CHARS + 1];
  uint16_t watchdogMs;
  float slipLimitMm;
  float tempLimitC;
  int32_t tareCounts;
  float countsPerN;
  uint32_t calDate;
};

extern Settings settings;

// Load the block; on a bad magic, version or checksum store the defaults and return false.
bool settings_load();
// Write the current settings to EEPROM; false if the read-back differs.
bool settings_store();
// Put the rig-definition defaults into RAM (not stored).
void settings_defaults();
// True when a rig id is 1..15 characters A-Z a-z 0-9 _ -.
bool settings_valid_rig_id(const char* s);
#endif

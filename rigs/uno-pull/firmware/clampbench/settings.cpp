#include "settings.h"
#include <avr/eeprom.h>
#include <string.h>
#include "protocol.h"

#define SETTINGS_MAGIC 0xCB
#define SETTINGS_ADDR ((uint8_t*)0)

Settings settings;

struct Block {
  uint8_t magic;
  uint8_t version;
  Settings values;
  uint16_t crc;
};

uint16_t settings_block_bytes() { return sizeof(Block); }

static uint16_t checksum(const Settings* s) {
  uint16_t crc = 0xFFFF;
  const uint8_t* p = (const uint8_t*)s;
  for (uint16_t i = 0; i < sizeof(Settings); i++) crc = protocol_crc16_update(crc, p[i]);
  return crc;
}

void settings_defaults() {
  memset(&settings, 0, sizeof(settings));
  strncpy_P(settings.rigId, PSTR(SETTING_RIG_ID_DEFAULT), SETTING_RIG_ID_MAX_CHARS);
  settings.watchdogMs = SETTING_WATCHDOG_MS_DEFAULT;
  settings.slipLimitMm = SETTING_SLIP_LIMIT_MM_DEFAULT;
  settings.tempLimitC = SETTING_TEMP_LIMIT_C_DEFAULT;
  settings.tareCounts = SETTING_TARE_COUNTS_DEFAULT;
  settings.countsPerN = SETTING_COUNTS_PER_N_DEFAULT;
  settings.calDate = SETTING_CAL_DATE_DEFAULT;
  settings.calCheck = SETTING_CAL_CHECK_DEFAULT;
}

bool settings_store() {
  Block block;
  block.magic = SETTINGS_MAGIC;
  block.version = SETTINGS_VERSION;
  block.values = settings;
  block.crc = checksum(&settings);
  eeprom_update_block(&block, SETTINGS_ADDR, sizeof(block));
  Block check;
  eeprom_read_block(&check, SETTINGS_ADDR, sizeof(check));
  return memcmp(&check, &block, sizeof(block)) == 0;
}

bool settings_load() {
  Block block;
  eeprom_read_block(&block, SETTINGS_ADDR, sizeof(block));
  block.values.rigId[SETTING_RIG_ID_MAX_CHARS] = 0;
  if (block.magic == SETTINGS_MAGIC && block.version == SETTINGS_VERSION && block.crc == checksum(&block.values) &&
      commands_text_setting_valid(SET_RIG_ID, block.values.rigId) && block.values.countsPerN > SETTING_COUNTS_PER_N_MIN_EXCLUSIVE) {
    settings = block.values;
    return true;
  }
  settings_defaults();
  settings_store();
  return false;
}

// The main loop's idle: sleep until the next interrupt when nothing is waiting for it.
#ifndef IDLE_H
#define IDLE_H

// Sleep in idle mode (timers, USART, ADC and SPI keep running) until any interrupt: the millis
// timer's overflow (every 1.024 ms), a received byte, a step, the E-stop. Returns at once while
// received bytes or realtime flags wait, or an ADC conversion that is polled runs.
void idle_until_interrupt();
#endif

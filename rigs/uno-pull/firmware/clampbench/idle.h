// The main loop's idle: sleep until the next interrupt when nothing is waiting for it.
#ifndef IDLE_H
#define IDLE_H

// Sleep in idle mode (timers, USART, ADC and SPI keep running) until the main loop has something
// to do: the millis tick (every 1.024 ms) while an operation runs or the motor moves, otherwise the
// tick at which timed work falls due (thermocouple, HEAT's shunt check, host-silence deadline) or
// the guard opens while it matters; a whole received line, a polled ADC conversion's end, a load-cell
// conversion ready, the motor stopping, the E-stop changing. A step pulse's interrupt alone does not
// end the sleep. Returns at once while a received line or realtime flags wait, or a load-cell
// conversion is ready.
void idle_until_interrupt();
#endif

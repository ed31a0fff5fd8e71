package org.opencpm.common.time;

/**
 * The source of time for every protocol layer and procedure of OpenCPM.
 *
 * <p>Nothing in OpenCPM calls {@code System.nanoTime()} or {@code System.currentTimeMillis()}
 * directly: transactions, session timers, MSRP timeouts and stores read this interface, so that
 * tests can run them on a {@link VirtualScheduler}'s virtual time and assert exact instants.
 */
public interface Clock {

    /** Monotonic time in nanoseconds, for measuring intervals; the origin is arbitrary. */
    long nanoTime();

    /** Wall-clock time in milliseconds since the epoch, for timestamps written on the wire or to disk. */
    long currentTimeMillis();

    /** The system clock. */
    Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long currentTimeMillis() {
            return System.currentTimeMillis();
        }

        @Override
        public String toString() {
            return "Clock.SYSTEM";
        }
    };
}

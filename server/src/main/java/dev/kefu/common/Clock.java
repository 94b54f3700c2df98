package dev.kefu.common;

/** Wall-clock milliseconds; an interface so domain tests can move time. */
@FunctionalInterface
public interface Clock {
    long millis();

    Clock SYSTEM = System::currentTimeMillis;
}

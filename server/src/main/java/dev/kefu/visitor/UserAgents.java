package dev.kefu.visitor;

/** Port: reads browser, OS and device from a User-Agent header. */
public interface UserAgents {
    /** Human-readable names, e.g. "Chrome 131", "Windows 10", "Other"; fields may be null. */
    record Device(String browser, String os, String device) {
    }

    Device parse(String userAgent);
}

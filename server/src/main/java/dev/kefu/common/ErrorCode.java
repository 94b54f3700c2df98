package dev.kefu.common;

/** Stable error codes shared by the REST API and the WebSocket protocol (see docs/api.md, docs/protocol.md). */
public enum ErrorCode {
    BAD_JSON(400),
    INVALID(400),
    TOO_LONG(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    /** The visitor or its IP address is blocked in the workspace. */
    BLOCKED(403),
    NOT_FOUND(404),
    INVALID_STATE(409),
    CONFLICT(409),
    TOO_LARGE(413),
    RATE_LIMITED(429),
    INTERNAL(500),
    SERVER_BUSY(503);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The code as it appears on the wire, e.g. {@code invalid_state}. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

package dev.kefu.bench.protocol;

/** A client frame that cannot be parsed; {@code code} is the protocol's error code for it. */
public final class InvalidFrameException extends Exception {

    private final String code;

    public InvalidFrameException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}

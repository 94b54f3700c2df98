package dev.kefu.common;

/** A refusal the caller can act on: carries a stable {@link ErrorCode} and a human-readable message. */
public class KefuException extends RuntimeException {
    private final ErrorCode code;

    public KefuException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static KefuException invalid(String message) {
        return new KefuException(ErrorCode.INVALID, message);
    }

    public static KefuException forbidden(String message) {
        return new KefuException(ErrorCode.FORBIDDEN, message);
    }

    public static KefuException unauthorized() {
        return new KefuException(ErrorCode.UNAUTHORIZED, "authentication required or invalid");
    }
}

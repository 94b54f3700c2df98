package dev.kefu.store;

/** An unexpected storage failure (not a refusal the caller can fix); reported to clients as {@code internal}. */
public final class StoreFailure extends RuntimeException {
    public StoreFailure(String message, Throwable cause) {
        super(message, cause);
    }
}

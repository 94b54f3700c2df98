package dev.kefu.visitor;

/** Who set a visitor's name, e-mail and phone; null where the field is empty. */
public record ContactSources(Source name, Source email, Source phone) {
    public static final ContactSources NONE = new ContactSources(null, null, null);

    /** Where a contact detail came from; only {@link #VISITOR} is unverified. */
    public enum Source {
        /** Typed by the visitor (pre-chat or offline form, or passed without a signature): unverified. */
        VISITOR,
        /** Passed by the host site together with a valid signed identity. */
        SIGNED,
        /** Set by an agent. */
        AGENT;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The source named on the wire or in storage, or null. */
        public static Source parse(String s) {
            if (s == null) {
                return null;
            }
            for (Source v : values()) {
                if (v.wire().equals(s)) {
                    return v;
                }
            }
            return null;
        }
    }
}

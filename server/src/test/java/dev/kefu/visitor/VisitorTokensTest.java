package dev.kefu.visitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.common.Caller;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class VisitorTokensTest {
    private final VisitorTokens tokens = new VisitorTokens(key(1));

    private static byte[] key(int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return k;
    }

    @Test
    void a_token_names_its_visitor_until_it_expires() {
        String t = tokens.issue("W1", "V1", 1_000);
        assertThat(tokens.verify(t, 999)).contains(new Caller.Visitor("W1", "V1"));
        assertThat(tokens.verify(t, 1_001)).isEmpty();
    }

    @Test
    void a_token_signed_with_another_key_or_altered_is_refused() {
        String t = tokens.issue("W1", "V1", Long.MAX_VALUE);
        assertThat(new VisitorTokens(key(2)).verify(t, 0)).isEmpty();
        String payloadOfAnother = tokens.issue("W1", "V2", Long.MAX_VALUE).split("\\.")[1];
        String[] parts = t.split("\\.");
        assertThat(tokens.verify(parts[0] + "." + payloadOfAnother + "." + parts[2], 0)).isEmpty();
        assertThat(tokens.verify("v1.not-base64!.sig", 0)).isEmpty();
        assertThat(tokens.verify("s1.other-kind", 0)).isEmpty();
        assertThat(tokens.verify(null, 0)).isEmpty();
    }
}

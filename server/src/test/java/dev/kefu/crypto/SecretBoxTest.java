package dev.kefu.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
    static final byte[] SERVER_SECRET = HexFormat.of().parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    final SecretBox box = new SecretBox(SERVER_SECRET, SecretBox.LLM_API_KEY);

    @Test
    void a_sealed_value_opens_to_the_original_even_in_a_new_box_after_a_restart() {
        String key = "sk-proj-AbC123_密钥_🔑";

        String sealed = box.seal(key);

        assertThat(sealed).startsWith("v1:").doesNotContain(key).doesNotContain("sk-proj");
        assertThat(box.open(sealed)).isEqualTo(key);
        assertThat(new SecretBox(SERVER_SECRET.clone(), SecretBox.LLM_API_KEY).open(sealed)).isEqualTo(key);
    }

    @Test
    void each_seal_uses_a_fresh_96_bit_nonce() {
        String a = box.seal("same");
        String b = box.seal("same");

        assertThat(a).isNotEqualTo(b);
        byte[] bytes = Base64.getDecoder().decode(a.substring(3));
        assertThat(bytes).hasSize(12 + "same".length() + 16);
    }

    @Test
    void any_changed_byte_is_rejected() {
        String sealed = box.seal("sk-test-key");
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(3));

        for (int i = 0; i < bytes.length; i++) {
            byte[] changed = bytes.clone();
            changed[i] ^= 0x01;
            String tampered = "v1:" + Base64.getEncoder().encodeToString(changed);
            assertThatThrownBy(() -> box.open(tampered)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void values_that_are_not_sealed_or_are_cut_short_are_rejected() {
        String sealed = box.seal("sk-test-key");

        assertThatThrownBy(() -> box.open("sk-test-key")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.open("v2:" + sealed.substring(3))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.open("v1:not base64!")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.open(sealed.substring(0, 20))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.open(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void another_server_secret_or_purpose_cannot_open_it() {
        String sealed = box.seal("sk-test-key");
        byte[] otherSecret = SERVER_SECRET.clone();
        otherSecret[0] ^= 1;

        assertThatThrownBy(() -> new SecretBox(otherSecret, SecretBox.LLM_API_KEY).open(sealed))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecretBox(SERVER_SECRET, "webhook-secret").open(sealed))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_short_server_secret_is_refused() {
        assertThatThrownBy(() -> new SecretBox(new byte[16], SecretBox.LLM_API_KEY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_key_derivation_is_hkdf_sha256_per_rfc_5869() {
        // RFC 5869 test case 1; we use the first 32 bytes of the output.
        byte[] ikm = HexFormat.of().parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        byte[] salt = HexFormat.of().parseHex("000102030405060708090a0b0c");
        byte[] info = HexFormat.of().parseHex("f0f1f2f3f4f5f6f7f8f9");

        assertThat(HexFormat.of().formatHex(SecretBox.hkdf(salt, ikm, info)))
                .isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf");
    }
}

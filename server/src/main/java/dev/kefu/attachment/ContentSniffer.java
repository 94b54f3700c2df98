package dev.kefu.attachment;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides what a file is from its bytes, never from its name or the browser's claim: the types Kefu accepts
 * (common images, PDF, office documents and zip, plain text) and image dimensions. Anything else — HTML, SVG,
 * executables — is refused, so nothing active is ever served from an upload.
 */
public final class ContentSniffer {
    public record Kind(String contentType, Integer width, Integer height) {
    }

    private ContentSniffer() {
    }

    public static Optional<Kind> sniff(byte[] b, String name) {
        if (startsWith(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A) && b.length >= 24) {
            return Optional.of(new Kind("image/png", be32(b, 16), be32(b, 20)));
        }
        if (startsWith(b, 0xFF, 0xD8, 0xFF)) {
            int[] size = jpegSize(b);
            return Optional.of(new Kind("image/jpeg", size == null ? null : size[0], size == null ? null : size[1]));
        }
        if ((startsWith(b, 'G', 'I', 'F', '8', '7', 'a') || startsWith(b, 'G', 'I', 'F', '8', '9', 'a')) && b.length >= 10) {
            return Optional.of(new Kind("image/gif", le16(b, 6), le16(b, 8)));
        }
        if (startsWith(b, 'R', 'I', 'F', 'F') && b.length >= 12 && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return Optional.of(new Kind("image/webp", null, null));
        }
        if (startsWith(b, '%', 'P', 'D', 'F', '-')) {
            return Optional.of(new Kind("application/pdf", null, null));
        }
        if (startsWith(b, 'P', 'K', 3, 4)) {
            return Optional.of(new Kind(zipType(name), null, null));
        }
        if (isPlainText(b)) {
            return Optional.of(new Kind("text/plain; charset=utf-8", null, null));
        }
        return Optional.empty();
    }

    private static String zipType(String name) {
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".docx")) {
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        }
        if (lower.endsWith(".xlsx")) {
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        }
        if (lower.endsWith(".pptx")) {
            return "application/vnd.openxmlformats-officedocument.presentationml.presentation";
        }
        return "application/zip";
    }

    /** UTF-8 without control characters other than tab and line breaks, and not markup a browser would run. */
    private static boolean isPlainText(byte[] b) {
        if (b.length == 0) {
            return false;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        String head = text.stripLeading().toLowerCase(Locale.ROOT);
        return !(head.startsWith("<") || head.startsWith("\ufeff<"));
    }

    private static int[] jpegSize(byte[] b) {
        int i = 2;
        while (i + 9 < b.length) {
            if ((b[i] & 0xFF) != 0xFF) {
                return null;
            }
            int marker = b[i + 1] & 0xFF;
            int len = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                int h = ((b[i + 5] & 0xFF) << 8) | (b[i + 6] & 0xFF);
                int w = ((b[i + 7] & 0xFF) << 8) | (b[i + 8] & 0xFF);
                return new int[] {w, h};
            }
            i += 2 + len;
        }
        return null;
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int be32(byte[] b, int o) {
        return ((b[o] & 0xFF) << 24) | ((b[o + 1] & 0xFF) << 16) | ((b[o + 2] & 0xFF) << 8) | (b[o + 3] & 0xFF);
    }

    private static int le16(byte[] b, int o) {
        return (b[o] & 0xFF) | ((b[o + 1] & 0xFF) << 8);
    }
}

package dev.kefu.conversation;

import dev.kefu.attachment.Attachment;
import dev.kefu.attachment.Attachments;
import dev.kefu.attachment.ContentSniffer;
import dev.kefu.attachment.FileStore;
import dev.kefu.common.Caller;
import dev.kefu.common.Clock;
import dev.kefu.common.ErrorCode;
import dev.kefu.common.Ids;
import dev.kefu.common.JsonText;
import dev.kefu.common.KefuException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Files in conversations: upload (type decided from the bytes), attach to a message, and serve through
 * signed URLs — an {@code <img>} in a third-party iframe can send neither a bearer token nor a cookie, so the
 * URL itself carries the right to read. Blocking; call from virtual threads.
 */
public final class AttachmentService {
    public static final int MAX_PER_MESSAGE = 10;

    private final ConversationAccess access;
    private final Attachments attachments;
    private final FileStore files;
    private final Clock clock;
    private final long maxBytes;
    private final byte[] urlKey;

    public AttachmentService(ConversationAccess access, Attachments attachments, FileStore files, Clock clock,
                             long maxBytes, byte[] urlKey) {
        this.access = access;
        this.attachments = attachments;
        this.files = files;
        this.clock = clock;
        this.maxBytes = maxBytes;
        this.urlKey = urlKey.clone();
    }

    public long maxBytes() {
        return maxBytes;
    }

    public Attachment upload(Caller caller, String conversationId, String name, byte[] bytes) {
        Conversation c = access.visible(caller, conversationId);
        String clean = cleanName(name);
        if (bytes.length == 0) {
            throw KefuException.invalid("the file is empty");
        }
        if (bytes.length > maxBytes) {
            throw new KefuException(ErrorCode.TOO_LARGE, "the file exceeds " + maxBytes + " bytes");
        }
        ContentSniffer.Kind kind = ContentSniffer.sniff(bytes, clean)
                .orElseThrow(() -> KefuException.invalid("file type not allowed"));
        Attachment a = new Attachment(Ids.next(), c.workspaceId(), c.id(),
                caller instanceof Caller.Agent ? "agent" : "visitor", caller.id(), clean, kind.contentType(),
                bytes.length, kind.width(), kind.height(), clock.millis());
        files.put(a.workspaceId(), a.id(), bytes);
        attachments.create(a);
        return a;
    }

    /** The JSON array stored with a message for these uploads, or null for none. INVALID if one is not of this conversation. */
    String forMessage(Conversation c, List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            return null;
        }
        if (ids.size() > MAX_PER_MESSAGE) {
            throw KefuException.invalid("attachments: at most " + MAX_PER_MESSAGE + " per message");
        }
        List<String> parts = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            Attachment a = (Ids.looksValid(id) ? attachments.find(id) : java.util.Optional.<Attachment>empty())
                    .filter(x -> x.conversationId().equals(c.id()))
                    .orElseThrow(() -> KefuException.invalid("attachments: " + id + " is not an upload of this conversation"));
            parts.add(json(a));
        }
        return "[" + String.join(",", parts) + "]";
    }

    /** The attachment and its bytes for a signed URL; NOT_FOUND for any mismatch, so nothing is revealed. */
    public record Download(Attachment attachment, byte[] bytes) {
    }

    public Download open(String id, String signature) {
        KefuException missing = new KefuException(ErrorCode.NOT_FOUND, "no such file");
        if (!Ids.looksValid(id) || signature == null || !MessageDigest.isEqual(
                signature.getBytes(StandardCharsets.US_ASCII), sign(id).getBytes(StandardCharsets.US_ASCII))) {
            throw missing;
        }
        Attachment a = attachments.find(id).orElseThrow(() -> missing);
        byte[] bytes = files.get(a.workspaceId(), a.id()).orElseThrow(() -> missing);
        return new Download(a, bytes);
    }

    public String url(Attachment a) {
        return "/files/" + a.id() + "/" + URLEncoder.encode(a.name(), StandardCharsets.UTF_8).replace("+", "%20")
                + "?sig=" + sign(a.id());
    }

    public String json(Attachment a) {
        StringBuilder b = new StringBuilder("{\"id\":").append(JsonText.quote(a.id()))
                .append(",\"name\":").append(JsonText.quote(a.name()))
                .append(",\"contentType\":").append(JsonText.quote(a.contentType()))
                .append(",\"size\":").append(a.size())
                .append(",\"url\":").append(JsonText.quote(url(a)));
        if (a.width() != null && a.height() != null) {
            b.append(",\"width\":").append(a.width()).append(",\"height\":").append(a.height());
        }
        return b.append('}').toString();
    }

    private String sign(String id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(urlKey, "HmacSHA256"));
            byte[] full = mac.doFinal(("file:" + id).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(full, 18));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cleanName(String name) {
        if (name == null) {
            throw KefuException.invalid("name is required");
        }
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).strip();
        StringBuilder b = new StringBuilder();
        base.codePoints().filter(cp -> cp >= 0x20 && cp != 0x7f).forEach(b::appendCodePoint);
        String clean = b.toString();
        if (clean.isEmpty() || clean.length() > 255 || clean.equals(".") || clean.equals("..")) {
            throw KefuException.invalid("name must have 1 to 255 characters");
        }
        return clean;
    }
}

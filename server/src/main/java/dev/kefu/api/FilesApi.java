package dev.kefu.api;

import dev.kefu.conversation.AttachmentService;
import dev.kefu.http.Response;
import dev.kefu.http.Router;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;

/**
 * Serves uploads by their signed URL, with headers that keep a file from ever running as a page: no sniffing,
 * a sandboxing CSP, and anything but an image downloaded rather than shown.
 */
public final class FilesApi {
    private final AttachmentService attachments;

    public FilesApi(AttachmentService attachments) {
        this.attachments = attachments;
    }

    public void routes(Router router) {
        router.get("/files/{id}/{name}", r -> {
            AttachmentService.Download d = attachments.open(r.param("id"), r.query("sig"));
            String filename = URLEncoder.encode(d.attachment().name(), StandardCharsets.UTF_8).replace("+", "%20");
            String disposition = (d.attachment().isImage() ? "inline" : "attachment") + "; filename*=UTF-8''" + filename;
            return new Response(HttpResponseStatus.OK, d.attachment().contentType(), d.bytes(), new LinkedHashMap<>())
                    .header("Content-Disposition", disposition)
                    .header("Cache-Control", "private, max-age=31536000, immutable")
                    .header("Content-Security-Policy", "default-src 'none'; sandbox");
        });
    }
}

package dev.kefu.attachment;

/** An uploaded file in a conversation. {@code width}/{@code height} are set for images only. */
public record Attachment(String id, String workspaceId, String conversationId, String uploaderKind, String uploaderId,
                         String name, String contentType, long size, Integer width, Integer height, long createdAt) {

    public boolean isImage() {
        return contentType.startsWith("image/");
    }
}

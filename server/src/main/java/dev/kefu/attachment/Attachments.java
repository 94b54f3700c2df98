package dev.kefu.attachment;

import java.util.Optional;

/** Port: attachment records. Blocking; call from virtual threads. */
public interface Attachments {
    void create(Attachment attachment);

    Optional<Attachment> find(String id);
}

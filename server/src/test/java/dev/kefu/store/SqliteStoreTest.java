package dev.kefu.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kefu.conversation.Appended;
import dev.kefu.conversation.Conversation;
import dev.kefu.conversation.ConversationEvent;
import dev.kefu.event.InProcessEventBus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SqliteStoreTest extends StoreContract {
    private Path dir;

    @Override
    Database open(InProcessEventBus<ConversationEvent> bus) throws Exception {
        dir = Files.createTempDirectory("kefu-store");
        return Database.sqlite(dir, bus);
    }

    @Test
    void a_write_around_the_single_writer_is_refused_on_sqlite() {
        assertThatThrownBy(() -> db.writeAlone(c -> 1)).isInstanceOf(IllegalStateException.class);
    }

    /**
     * SQLite rewinds its WAL only when a write begins after a checkpoint copied all of it; under steady writes a
     * PASSIVE checkpoint never gets there, and the WAL grew by everything written (1.7 GB in a minute of the
     * relay benchmark).
     */
    @Test
    void under_steady_writes_the_wal_starts_over_instead_of_growing_without_end() throws Exception {
        Path wal = dir.resolve("kefu.db-wal");
        List<Conversation> many = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            many.add(newConversation());
        }
        // About 6 MB a second for 6 s, evenly: without the RESTART pass, the WAL ends up well over 48 MB.
        String text = "w".repeat(4000);
        long written = 0;
        long largestWal = 0;
        List<CompletableFuture<Appended>> inFlight = new ArrayList<>();
        long began = System.nanoTime();
        for (int i = 0; written < 36L << 20; i++) {
            inFlight.add(log.append(msg(many.get(i % many.size()), "w" + i, text)));
            written += text.length();
            if (inFlight.size() == 10) {
                inFlight.forEach(CompletableFuture::join);
                inFlight.clear();
                events.clear();
                largestWal = Math.max(largestWal, Files.size(wal));
                long due = began + written * 1_000_000_000L / (6L << 20);
                long wait = (due - System.nanoTime()) / 1_000_000;
                if (wait > 0) {
                    Thread.sleep(wait);
                }
            }
        }
        inFlight.forEach(CompletableFuture::join);
        assertThat(largestWal).as("largest WAL file, after writing %d MiB", written >> 20).isLessThan(48L << 20);
    }
}

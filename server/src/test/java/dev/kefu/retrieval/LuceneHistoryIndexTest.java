package dev.kefu.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kefu.conversation.Message;
import dev.kefu.conversation.Sender;
import dev.kefu.search.HistorySource;
import dev.kefu.search.TextRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The index on its own, with the store replaced by a list of messages. */
class LuceneHistoryIndexTest {
    /** A stand-in for the messages table: pages in (createdAt, id) order. */
    static final class ListSource implements HistorySource {
        final List<Message> messages = Collections.synchronizedList(new ArrayList<>());
        volatile int reads;

        @Override
        public List<Message> after(long createdAt, String id, int limit) {
            reads++;
            synchronized (messages) {
                return messages.stream()
                        .filter(m -> m.createdAt() > createdAt || (m.createdAt() == createdAt && m.id().compareTo(id) > 0))
                        .filter(m -> m.sender().kind() != Sender.Kind.SYSTEM)
                        .sorted(Comparator.comparingLong(Message::createdAt).thenComparing(Message::id))
                        .limit(limit).toList();
            }
        }
    }

    Path dir;
    ListSource source = new ListSource();

    @BeforeEach
    void folder() throws Exception {
        dir = Files.createTempDirectory("kefu-index");
    }

    @AfterEach
    void clean() throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static Message message(int i, String workspace, String text) {
        return new Message(String.format("M%025d", i), workspace, "C" + (i % 50), i, new Sender(Sender.Kind.VISITOR, "V"),
                text, null, null, "c" + i, 1_000_000L + i);
    }

    @Test
    void a_full_queue_never_blocks_the_caller_and_what_it_dropped_is_read_back_from_the_store() throws Exception {
        // The first read (the catch-up at start, on an empty store) waits until every message was offered, so
        // the worker drains nothing meanwhile and the queue must overflow.
        CountDownLatch offered = new CountDownLatch(1);
        HistorySource gated = new HistorySource() {
            boolean first = true;

            @Override
            public List<Message> after(long createdAt, String id, int limit) {
                if (first) {
                    first = false;
                    try {
                        offered.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return List.of();
                }
                return source.after(createdAt, id, limit);
            }
        };
        try (LuceneHistoryIndex index = new LuceneHistoryIndex(dir, gated)) {
            int n = LuceneHistoryIndex.QUEUE + 2_000;
            long started = System.nanoTime();
            for (int i = 0; i < n; i++) {
                Message m = message(i, "W", "parcel number " + i + " 快递单号");
                source.messages.add(m);
                index.add(m);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            offered.countDown();
            await().atMost(Duration.ofSeconds(60)).until(() -> index.search("W", "parcel", Long.MIN_VALUE,
                    Long.MAX_VALUE, n + 10).items().size() == n);
            assertThat(index.search("W", "快递", Long.MIN_VALUE, Long.MAX_VALUE, 10).items()).hasSize(10);
            assertThat(source.reads).as("the dropped messages were read back").isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void system_messages_are_not_indexed_and_re_adding_replaces() {
        try (LuceneHistoryIndex index = new LuceneHistoryIndex(dir, source)) {
            Message m = message(1, "W", "hello refund");
            index.add(m);
            index.add(m);
            index.add(new Message("S1", "W", "C1", 2, Sender.SYSTEM, "refund system", null, null, null, 1_000_002L));
            index.add(message(3, "W", "   "));
            await().atMost(Duration.ofSeconds(5)).until(() -> index.search("W", "refund", Long.MIN_VALUE,
                    Long.MAX_VALUE, 10).items().size() == 1);
            assertThat(index.search("W", "refund", 1_000_000L, 1_000_001L, 10).items()).as("date range excludes")
                    .isEmpty();
            assertThat(index.search("W", "refund", 1_000_001L, 1_000_002L, 10).items()).hasSize(1);
            assertThat(index.search("other", "refund", Long.MIN_VALUE, Long.MAX_VALUE, 10).items()).isEmpty();
        }
    }

    @Test
    void highlights_cover_both_analyses_and_merge() {
        try (LuceneHistoryIndex index = new LuceneHistoryIndex(dir, source)) {
            String text = "我的iPhone屏幕坏了，Refunds? 退款单号 refund";
            List<String> marked = index.highlight("iphone refund 退款", text).stream()
                    .map(r -> text.substring(r.start(), r.end())).toList();
            assertThat(marked).containsExactly("iPhone", "Refunds", "退款", "refund");
            assertThat(index.highlight("退款", "退款退款")).containsExactly(new TextRange(0, 4));
            assertThat(index.highlight("?!", "anything")).isEmpty();
        }
    }

    @Test
    void after_an_unclean_shutdown_a_torn_file_is_found_and_the_index_rebuilt() throws Exception {
        source.messages.add(message(1, "W", "receipt one"));
        try (LuceneHistoryIndex index = new LuceneHistoryIndex(dir, source)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> index.search("W", "receipt", Long.MIN_VALUE,
                    Long.MAX_VALUE, 10).items().size() == 1);
        }
        assertThat(dir.resolve(LuceneHistoryIndex.CLEAN_MARK)).as("a clean shutdown says so").exists();
        // The machine crashed instead: no mark, and a data file that never reached the disk whole (the index
        // skips fsync while running; segments_N itself is intact, so only a check of every file finds it).
        Files.delete(dir.resolve(LuceneHistoryIndex.CLEAN_MARK));
        tearLargestDataFile();
        source.messages.add(message(2, "W", "receipt two"));
        try (LuceneHistoryIndex index = new LuceneHistoryIndex(dir, source)) {
            assertThat(dir.resolve(LuceneHistoryIndex.CLEAN_MARK)).as("removed while open").doesNotExist();
            await().atMost(Duration.ofSeconds(5)).until(() -> index.search("W", "receipt", Long.MIN_VALUE,
                    Long.MAX_VALUE, 10).items().size() == 2);
        }
    }

    @Test
    void a_file_damaged_after_a_clean_shutdown_that_keeps_the_index_from_opening_is_rebuilt() throws Exception {
        source.messages.add(message(1, "W", "receipt one"));
        try (LuceneHistoryIndex index = new LuceneHistoryIndex(dir, source)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> index.search("W", "receipt", Long.MIN_VALUE,
                    Long.MAX_VALUE, 10).items().size() == 1);
        }
        assertThat(dir.resolve(LuceneHistoryIndex.CLEAN_MARK)).exists();
        tearLargestDataFile(); // a disk error: no check runs, but the reader cannot open
        source.messages.add(message(2, "W", "receipt two"));
        try (LuceneHistoryIndex index = new LuceneHistoryIndex(dir, source)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> index.search("W", "receipt", Long.MIN_VALUE,
                    Long.MAX_VALUE, 10).items().size() == 2);
        }
    }

    private void tearLargestDataFile() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            Path data = files.filter(p -> !p.getFileName().toString().startsWith("segments")
                    && !p.getFileName().toString().endsWith(".si") && !p.getFileName().toString().equals("write.lock"))
                    .max(java.util.Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
            byte[] bytes = Files.readAllBytes(data);
            bytes[bytes.length / 2] ^= 0x5A;
            Files.write(data, bytes);
        }
    }

    @Test
    void a_damaged_index_is_rebuilt_from_the_store() throws Exception {
        source.messages.add(message(1, "W", "invoice one"));
        try (LuceneHistoryIndex index = new LuceneHistoryIndex(dir, source)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> index.search("W", "invoice", Long.MIN_VALUE,
                    Long.MAX_VALUE, 10).items().size() == 1);
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("segments")).toList()) {
                Files.write(p, new byte[] {1, 2, 3});
            }
        }
        source.messages.add(message(2, "W", "invoice two"));
        try (LuceneHistoryIndex index = new LuceneHistoryIndex(dir, source)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> index.search("W", "invoice", Long.MIN_VALUE,
                    Long.MAX_VALUE, 10).items().size() == 2);
        }
    }
}

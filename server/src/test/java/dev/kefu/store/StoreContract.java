package dev.kefu.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kefu.common.Ids;
import dev.kefu.common.KefuException;
import dev.kefu.conversation.Appended;
import dev.kefu.conversation.Conversation;
import dev.kefu.conversation.ConversationEvent;
import dev.kefu.conversation.ConversationState;
import dev.kefu.conversation.Conversations;
import dev.kefu.conversation.Message;
import dev.kefu.conversation.NewMessage;
import dev.kefu.conversation.Sender;
import dev.kefu.event.InProcessEventBus;
import dev.kefu.visitor.Visitor;
import dev.kefu.workspace.Workspace;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One contract for the SQL adapters, run against every database Kefu supports (see subclasses). */
abstract class StoreContract {
    Database db;
    final List<ConversationEvent> events = Collections.synchronizedList(new ArrayList<>());
    SqlConversations conversations;
    SqlMessageLog log;
    String workspace;
    String visitor;

    abstract Database open(InProcessEventBus<ConversationEvent> bus) throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        InProcessEventBus<ConversationEvent> bus = new InProcessEventBus<>();
        bus.subscribe(events::add);
        db = open(bus);
        conversations = new SqlConversations(db);
        log = new SqlMessageLog(db);
        workspace = Ids.next();
        new SqlWorkspaces(db).create(new Workspace(workspace, "Acme", 1));
        visitor = Ids.next();
        new SqlVisitors(db).create(new Visitor(visitor, workspace, null, null, "127.0.0.1", "UA", null, null, null, null, 1, 1, 1));
    }

    @AfterEach
    void tearDown() throws Exception {
        db.close();
    }

    Conversation newConversation() {
        Conversation c = new Conversation(Ids.next(), workspace, visitor, ConversationState.QUEUED, null, 0, 1, 1, 1, null, 0, 0);
        conversations.create(c);
        return c;
    }

    NewMessage msg(Conversation c, String clientId, String text) {
        return new NewMessage(workspace, c.id(), visitor, new Sender(Sender.Kind.VISITOR, visitor), text, null, null,
                clientId, System.currentTimeMillis());
    }

    @Test
    void jobs_queued_together_share_a_commit_and_a_failing_one_rolls_back_alone() throws Exception {
        String table = "job_group_" + Long.toHexString(System.nanoTime());
        // The first job holds the writer, so the next ones queue up behind it and run as one group.
        CompletableFuture<Object> first = db.writer().submit((c, events) -> {
            try (var st = c.createStatement()) {
                st.execute("CREATE TABLE " + table + " (n INTEGER PRIMARY KEY)");
            }
            sleep(300);
            return null;
        });
        List<CompletableFuture<Integer>> jobs = new ArrayList<>();
        for (int n = 1; n <= 5; n++) {
            int value = n;
            jobs.add(db.writer().submit((c, events) -> {
                int inserted = value == 4 ? 1 : value; // job 4 breaks the primary key
                try (var ps = c.prepareStatement("INSERT INTO " + table + " (n) VALUES (?)")) {
                    ps.setInt(1, inserted);
                    ps.executeUpdate();
                }
                if (value == 3) {
                    throw new KefuException(dev.kefu.common.ErrorCode.INVALID, "job 3 changes its mind");
                }
                return value;
            }));
        }
        first.get();
        assertThat(jobs.get(0).get()).isEqualTo(1);
        assertThat(jobs.get(1).get()).isEqualTo(2);
        assertThatThrownBy(() -> jobs.get(2).join()).hasCauseInstanceOf(KefuException.class);
        assertThatThrownBy(() -> jobs.get(3).join()).hasRootCauseInstanceOf(java.sql.SQLException.class);
        assertThat(jobs.get(4).get()).isEqualTo(5);
        List<Integer> stored = db.read(c -> {
            List<Integer> out = new ArrayList<>();
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT n FROM " + table + " ORDER BY n")) {
                while (rs.next()) {
                    out.add(rs.getInt(1));
                }
            }
            return out;
        });
        assertThat(stored).as("3 and 4 rolled back, the others committed").containsExactly(1, 2, 5);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void appends_get_gapless_seqs_in_queue_order_across_batches_and_conversations() {
        Conversation a = newConversation();
        Conversation b = newConversation();
        List<CompletableFuture<Appended>> futures = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            futures.add(log.append(msg(i % 3 == 0 ? b : a, "c" + i, "text " + i)));
        }
        List<Appended> results = futures.stream().map(CompletableFuture::join).toList();
        long nextA = 1;
        long nextB = 1;
        for (int i = 0; i < results.size(); i++) {
            Message m = results.get(i).message();
            assertThat(m.seq()).isEqualTo(i % 3 == 0 ? nextB++ : nextA++);
            assertThat(m.text()).isEqualTo("text " + i);
        }
        assertThat(log.after(a.id(), 0, 2000)).hasSize(800).extracting(Message::seq).isSorted();
        assertThat(conversations.find(b.id()).orElseThrow().lastSeq()).isEqualTo(400);
        assertThat(events.stream().filter(e -> e instanceof ConversationEvent.MessageAppended).count()).isEqualTo(1200);
    }

    @Test
    void a_repeated_client_id_returns_the_original_even_within_one_batch() {
        Conversation c = newConversation();
        CompletableFuture<Appended> first = log.append(msg(c, "same", "original"));
        CompletableFuture<Appended> second = log.append(msg(c, "same", "retry"));
        Appended one = first.join();
        Appended two = second.join();
        assertThat(one.duplicate()).isFalse();
        assertThat(two.duplicate()).isTrue();
        assertThat(two.message().id()).isEqualTo(one.message().id());
        Appended later = log.append(msg(c, "same", "retry again")).join();
        assertThat(later.message().text()).isEqualTo("original");
        assertThat(log.after(c.id(), 0, 10)).hasSize(1);
    }

    @Test
    void an_append_to_a_missing_conversation_fails_alone() {
        Conversation c = newConversation();
        Conversation ghost = new Conversation(Ids.next(), workspace, visitor, ConversationState.QUEUED, null, 0, 1, 1, 1, null, 0, 0);
        CompletableFuture<Appended> good1 = log.append(msg(c, "g1", "fine"));
        CompletableFuture<Appended> bad = log.append(msg(ghost, "b", "nowhere"));
        CompletableFuture<Appended> good2 = log.append(msg(c, "g2", "fine too"));
        assertThat(good1.join().message().seq()).isEqualTo(1);
        assertThat(good2.join().message().seq()).isEqualTo(2);
        assertThatThrownBy(bad::join).hasCauseInstanceOf(KefuException.class);
    }

    @Test
    void a_transition_is_conditional_and_records_a_system_message_atomically() {
        Conversation c = newConversation();
        NewMessage record = new NewMessage(workspace, c.id(), visitor, Sender.SYSTEM, "taken",
                "{\"type\":\"state\"}", null, null, 5);
        String agent = Ids.next();
        Conversation taken = conversations.transition(new Conversations.Transition(c, ConversationState.OPEN, agent,
                null, record, false, 0, new Sender(Sender.Kind.AGENT, agent))).orElseThrow();
        assertThat(taken.state()).isEqualTo(ConversationState.OPEN);
        assertThat(taken.assigneeId()).isEqualTo(agent);
        assertThat(taken.lastSeq()).isEqualTo(1);
        // A second attempt from the stale state changes nothing.
        assertThat(conversations.transition(new Conversations.Transition(c, ConversationState.OPEN, Ids.next(), null,
                record, false, 0, Sender.SYSTEM))).isEmpty();
        assertThat(log.after(c.id(), 0, 10)).singleElement().satisfies(m -> {
            assertThat(m.sender().kind()).isEqualTo(Sender.Kind.SYSTEM);
            assertThat(m.event()).isEqualTo("{\"type\":\"state\"}");
        });
    }

    @Test
    void read_marks_only_move_forward() {
        Conversation c = newConversation();
        Sender reader = new Sender(Sender.Kind.AGENT, Ids.next());
        conversations.markRead(new ConversationEvent.ReadUpTo(workspace, c.id(), visitor, reader, 5));
        conversations.markRead(new ConversationEvent.ReadUpTo(workspace, c.id(), visitor, reader, 3));
        conversations.markRead(new ConversationEvent.ReadUpTo(workspace, c.id(), visitor, reader, 7));
        assertThat(events.stream().filter(e -> e instanceof ConversationEvent.ReadUpTo r).map(e ->
                ((ConversationEvent.ReadUpTo) e).seq()).toList()).containsExactly(5L, 7L);
    }

    @Test
    void lists_filter_by_workspace_state_and_assignee_newest_first() {
        Conversation older = newConversation();
        Conversation newer = new Conversation(Ids.next(), workspace, visitor, ConversationState.OPEN, "A1", 0, 2, 2, 2, null, 0, 0);
        conversations.create(newer);
        assertThat(conversations.list(workspace, new Conversations.ListFilter(null, null, false, null, 10)))
                .extracting(s -> s.conversation().id()).containsExactly(newer.id(), older.id());
        assertThat(conversations.list(workspace, new Conversations.ListFilter(ConversationState.QUEUED, null, true, null, 10)))
                .extracting(s -> s.conversation().id()).containsExactly(older.id());
        assertThat(conversations.list(workspace, new Conversations.ListFilter(null, "A1", false, null, 10)))
                .extracting(s -> s.conversation().id()).containsExactly(newer.id());
        assertThat(conversations.list(workspace, new Conversations.ListFilter(null, null, false, 2L, 10)))
                .extracting(s -> s.conversation().id()).containsExactly(older.id());
        assertThat(conversations.list(Ids.next(), new Conversations.ListFilter(null, null, false, null, 10))).isEmpty();
        assertThat(conversations.latestUnresolved(workspace, visitor)).map(Conversation::id).contains(newer.id());
    }

    @Test
    void summaries_carry_the_newest_preview_and_read_marks() {
        Conversation c = newConversation();
        log.append(msg(c, "p1", "first")).join();
        log.append(msg(c, "p2", "x".repeat(300))).join();
        conversations.markRead(new ConversationEvent.ReadUpTo(workspace, c.id(), visitor,
                new Sender(Sender.Kind.AGENT, Ids.next()), 1));
        var s = conversations.summary(c.id()).orElseThrow();
        assertThat(s.lastText()).hasSize(200);
        assertThat(s.lastSender().kind()).isEqualTo(Sender.Kind.VISITOR);
        assertThat(s.agentReadSeq()).isEqualTo(1);
        assertThat(s.visitorReadSeq()).isZero();
        assertThat(conversations.countOfVisitor(workspace, visitor)).isEqualTo(1);
    }

    @Test
    void before_pages_return_the_newest_older_messages_oldest_first() {
        Conversation c = newConversation();
        for (int i = 1; i <= 10; i++) {
            log.append(msg(c, "m" + i, "m" + i)).join();
        }
        assertThat(log.before(c.id(), 8, 3)).extracting(Message::seq).containsExactly(5L, 6L, 7L);
        assertThat(log.after(c.id(), 8, 3)).extracting(Message::seq).containsExactly(9L, 10L);
    }

    @Test
    void secrets_are_created_once_and_shared() {
        SqlSecrets secrets = new SqlSecrets(db);
        byte[] first = secrets.getOrCreate("k");
        assertThat(first).hasSize(32);
        assertThat(new SqlSecrets(db).getOrCreate("k")).isEqualTo(first);
    }
}

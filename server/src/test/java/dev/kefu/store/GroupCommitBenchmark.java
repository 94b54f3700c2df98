package dev.kefu.store;

import dev.kefu.common.Ids;
import dev.kefu.conversation.Appended;
import dev.kefu.conversation.Conversation;
import dev.kefu.conversation.ConversationEvent;
import dev.kefu.conversation.ConversationState;
import dev.kefu.conversation.NewMessage;
import dev.kefu.conversation.Sender;
import dev.kefu.event.InProcessEventBus;
import dev.kefu.visitor.Visitor;
import dev.kefu.workspace.Workspace;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The group-commit writer on SQLite (WAL, synchronous=FULL): {@code burst} appends across 100 conversations
 * queued at once and waited for, i.e. durable messages per second when the queue is that deep.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GroupCommitBenchmark {
    static final int BURST = 200;

    Database db;
    SqlMessageLog log;
    final List<Conversation> conversations = new ArrayList<>();
    long n;

    @Setup
    public void setUp() throws Exception {
        db = Database.sqlite(Files.createTempDirectory("kefu-jmh"), new InProcessEventBus<ConversationEvent>());
        log = new SqlMessageLog(db);
        String ws = Ids.next();
        new SqlWorkspaces(db).create(new Workspace(ws, "Bench", 1));
        String visitor = Ids.next();
        new SqlVisitors(db).create(new Visitor(visitor, ws, null, null, null, null, null, null, null, null, 1, 1, 1));
        SqlConversations store = new SqlConversations(db);
        for (int i = 0; i < 100; i++) {
            Conversation c = new Conversation(Ids.next(), ws, visitor, ConversationState.OPEN, null, 0, 1, 1, 1, null, 0, 0);
            store.create(c);
            conversations.add(c);
        }
    }

    @TearDown
    public void tearDown() throws InterruptedException {
        db.close();
    }

    @Benchmark
    @OperationsPerInvocation(BURST)
    public void durableAppends() {
        List<CompletableFuture<Appended>> futures = new ArrayList<>(BURST);
        for (int i = 0; i < BURST; i++) {
            Conversation c = conversations.get((int) (n % conversations.size()));
            n++;
            futures.add(log.append(new NewMessage(c.workspaceId(), c.id(), c.visitorId(),
                    new Sender(Sender.Kind.VISITOR, c.visitorId()), "message " + n, null, null, "c" + n,
                    System.currentTimeMillis())));
        }
        futures.forEach(CompletableFuture::join);
    }
}

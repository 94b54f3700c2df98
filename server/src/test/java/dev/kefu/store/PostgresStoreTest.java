package dev.kefu.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.common.Ids;
import dev.kefu.conversation.ConversationEvent;
import dev.kefu.event.InProcessEventBus;
import dev.kefu.support.Postgres;
import java.nio.file.Files;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PostgresStoreTest extends StoreContract {
    @Override
    Database open(InProcessEventBus<ConversationEvent> bus) throws Exception {
        return Database.postgresql(Postgres.freshSchemaUrl(), "postgres", null, bus);
    }

    @Test
    void uploads_live_in_the_database_by_workspace_and_files_left_on_a_shared_disk_are_still_served()
            throws Exception {
        DiskFileStore disk = new DiskFileStore(Files.createTempDirectory("kefu-uploads"));
        DatabaseFileStore files = new DatabaseFileStore(db, disk);
        byte[] big = new byte[10 * 1024 * 1024];
        new Random(7).nextBytes(big);
        String id = Ids.next();

        files.put(workspace, id, big);
        assertThat(files.get(workspace, id)).hasValueSatisfying(b -> assertThat(b).isEqualTo(big));
        assertThat(files.get(Ids.next(), id)).as("another workspace's id").isEmpty();
        assertThat(files.get(workspace, Ids.next())).isEmpty();
        files.put(workspace, id, new byte[] {1, 2, 3});
        assertThat(files.get(workspace, id)).hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2, 3));

        String older = Ids.next();
        disk.put(workspace, older, new byte[] {9});
        assertThat(files.get(workspace, older)).hasValueSatisfying(b -> assertThat(b).containsExactly(9));
    }
}

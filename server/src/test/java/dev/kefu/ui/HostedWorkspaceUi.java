package dev.kefu.ui;

import dev.kefu.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a UI test of a whole workspace starts with: a real server on SQLite, its owner, a host site with the
 * widget on it, and browsers that close (in reverse order, with anything else added to {@link #open}) after the
 * test.
 */
@ExtendWith(UiFailureArtifacts.class)
abstract class HostedWorkspaceUi {
    TestServer server;
    TestServer.Agent owner;
    HostSite site;
    String base;
    final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void startWorkspace() throws Exception {
        Browser.assumeChromium();
        server = TestServer.sqlite();
        base = "http://127.0.0.1:" + server.port();
        owner = server.owner(Ui.OWNER_EMAIL);
        site = new HostSite(server.port(), owner.workspaceId());
    }

    @AfterEach
    void stopWorkspace() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        if (site != null) {
            site.close();
        }
        if (server != null) {
            server.close();
        }
    }

    Browser browser(String name) throws Exception {
        Browser b = Browser.open(name);
        open.add(b);
        return b;
    }
}

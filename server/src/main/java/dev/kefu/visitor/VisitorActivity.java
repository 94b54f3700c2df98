package dev.kefu.visitor;

import dev.kefu.common.Caller;
import dev.kefu.common.Clock;
import dev.kefu.common.Ids;
import dev.kefu.common.KefuException;
import dev.kefu.event.EventBus;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a visitor does on the host site between messages: the pages they look at (reported by the widget), their
 * time on each, and when they leave; and whether they may do anything at all (blocks). Agents with the visitor's
 * conversation open learn of changes through {@link VisitorChanged} events. Blocking; call from virtual threads.
 */
public final class VisitorActivity {
    public static final int MAX_URL = 2048;
    public static final int MAX_TITLE = 512;
    /** Page views a profile shows. */
    public static final int RECENT = 20;

    /** The id of the visitor's unresolved conversation, if any. */
    @FunctionalInterface
    public interface OpenConversations {
        Optional<String> of(String workspaceId, String visitorId);
    }

    private final PageViews pages;
    private final BlockList blocks;
    private final OpenConversations open;
    private final EventBus<VisitorChanged> bus;
    private final Clock clock;

    public VisitorActivity(PageViews pages, BlockList blocks, OpenConversations open, EventBus<VisitorChanged> bus,
                           Clock clock) {
        this.pages = pages;
        this.blocks = blocks;
        this.open = open;
        this.bus = bus;
        this.clock = clock;
    }

    /** BLOCKED when the visitor or its IP address is blocked. Cheap (in memory); any thread but an event loop. */
    public void check(Caller.Visitor visitor, String ip) {
        blocks.check(visitor, ip);
    }

    /** Whether the visitor is surely not blocked, known without reading the store (any thread). */
    public boolean surelyAllowed(Caller.Visitor visitor, String ip) {
        return blocks.surelyAllowed(visitor, ip);
    }

    /**
     * The visitor moved to a page: ends the previous page view (its time on page is known now), stores this one and
     * tells agents. The same URL as the page view going on (a reconnect, a reload) is not a new page view.
     * INVALID for a URL that is not http(s) or is too long; BLOCKED for a blocked visitor.
     */
    public PageView view(Caller.Visitor visitor, String ip, String url, String title, String referrer) {
        blocks.check(visitor, ip);
        if (url == null || url.isBlank()) {
            throw KefuException.invalid("url is required");
        }
        if (url.length() > MAX_URL) {
            throw KefuException.invalid("url is longer than " + MAX_URL + " characters");
        }
        if (!isWebUrl(url)) {
            throw KefuException.invalid("url must be an http or https URL");
        }
        if (title != null && title.length() > MAX_TITLE) {
            throw KefuException.invalid("title is longer than " + MAX_TITLE + " characters");
        }
        if (referrer != null && referrer.length() > MAX_URL) {
            throw KefuException.invalid("referrer is longer than " + MAX_URL + " characters");
        }
        return record(visitor.workspaceId(), visitor.id(), url, title, referrer);
    }

    /** Records a page view without checks (the session start has made them); null for an unusable URL. */
    PageView arrived(Visitor visitor, String url, String title, String referrer) {
        if (url == null || url.length() > MAX_URL || !isWebUrl(url)) {
            return null;
        }
        return record(visitor.workspaceId(), visitor.id(), url, cut(title, MAX_TITLE), cut(referrer, MAX_URL));
    }

    private PageView record(String workspaceId, String visitorId, String url, String title, String referrer) {
        Optional<PageView> current = pages.current(workspaceId, visitorId);
        if (current.isPresent() && current.get().url().equals(url)) {
            return current.get();
        }
        PageView view = new PageView(Ids.next(), workspaceId, visitorId, url, blankToNull(title),
                isWebUrl(referrer) ? referrer : null, clock.millis(), null);
        pages.start(view);
        publish(workspaceId, visitorId, List.of("page"), view);
        return view;
    }

    /** The visitor's last connection closed: the page view going on ends now. */
    public void left(Caller.Visitor visitor) {
        pages.end(visitor.workspaceId(), visitor.id(), clock.millis());
    }

    /** The newest page views, newest first; the first has no duration while it goes on. */
    public List<PageView> recent(String workspaceId, String visitorId) {
        return pages.recent(workspaceId, visitorId, RECENT);
    }

    /** Contact details or attributes changed (an agent edited them, a signed identity arrived). */
    void contactChanged(Visitor v) {
        publish(v.workspaceId(), v.id(), List.of("contact"), pages.current(v.workspaceId(), v.id()).orElse(null));
    }

    private void publish(String workspaceId, String visitorId, List<String> changed, PageView page) {
        open.of(workspaceId, visitorId).ifPresent(conversationId ->
                bus.publish(new VisitorChanged(workspaceId, visitorId, conversationId, changed, page)));
    }

    /** Listens to {@link VisitorChanged} events (on the publishing thread; must not block). */
    public AutoCloseable subscribe(Consumer<? super VisitorChanged> listener) {
        return bus.subscribe(listener);
    }

    static boolean isWebUrl(String s) {
        return s != null && (s.regionMatches(true, 0, "https://", 0, 8) || s.regionMatches(true, 0, "http://", 0, 7))
                && s.length() > 8;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}

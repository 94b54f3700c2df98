package dev.kefu;

import dev.kefu.access.Authenticator;
import dev.kefu.agent.Agent;
import dev.kefu.agent.AuthService;
import dev.kefu.agent.Role;
import dev.kefu.agent.AgentAdmin;
import dev.kefu.agent.InProcessPresence;
import dev.kefu.agent.Presence;
import dev.kefu.cluster.RedisEventBus;
import dev.kefu.cluster.RedisLink;
import dev.kefu.cluster.RedisPresence;
import dev.kefu.agent.PresenceStatus;
import dev.kefu.api.RoutingApi;
import dev.kefu.reply.AutoReplyService;
import dev.kefu.reply.AutoResponder;
import dev.kefu.store.SqlAutoReplies;
import dev.kefu.api.BotApi;
import dev.kefu.bot.AgentAssist;
import dev.kefu.bot.BotGateway;
import dev.kefu.bot.BotService;
import dev.kefu.bot.BotSettingsCache;
import dev.kefu.bot.GuardedModel;
import dev.kefu.bot.LlmMetrics;
import dev.kefu.crypto.SecretBox;
import dev.kefu.llm.OpenAiCompatibleClient;
import dev.kefu.store.SqlBotSettings;
import dev.kefu.mail.Mailer;
import dev.kefu.mail.Notifications;
import dev.kefu.mail.TranscriptService;
import dev.kefu.smtp.SmtpMailer;
import dev.kefu.api.ReportApi;
import dev.kefu.api.SearchApi;
import dev.kefu.retrieval.LuceneHistoryIndex;
import dev.kefu.search.SearchService;
import dev.kefu.store.SqlHistorySource;
import dev.kefu.store.SqlSearchCandidates;
import dev.kefu.report.ReportService;
import dev.kefu.store.SqlReportData;
import dev.kefu.api.AgentToolsApi;
import dev.kefu.audit.Audit;
import dev.kefu.csat.CsatService;
import dev.kefu.label.LabelService;
import dev.kefu.note.NoteService;
import dev.kefu.store.SqlAuditLog;
import dev.kefu.store.SqlLabels;
import dev.kefu.store.SqlNotes;
import dev.kefu.store.SqlRatings;
import dev.kefu.routing.Dispatcher;
import dev.kefu.routing.RoutingService;
import dev.kefu.routing.RoutingSettingsCache;
import dev.kefu.routing.TeamService;
import dev.kefu.store.SqlRouting;
import dev.kefu.store.SqlTeams;
import dev.kefu.agent.PresenceChanged;
import dev.kefu.api.AgentApi;
import dev.kefu.api.AuthApi;
import dev.kefu.api.CannedReplyApi;
import dev.kefu.api.FilesApi;
import dev.kefu.api.KnowledgeApi;
import dev.kefu.api.WorkspaceApi;
import dev.kefu.conversation.AttachmentService;
import dev.kefu.conversation.ConversationAccess;
import dev.kefu.knowledge.KnowledgeService;
import dev.kefu.reply.CannedReplyService;
import dev.kefu.retrieval.LuceneRetriever;
import dev.kefu.store.DatabaseFileStore;
import dev.kefu.store.DiskFileStore;
import dev.kefu.store.SqlAttachments;
import dev.kefu.store.SqlCannedReplies;
import dev.kefu.store.SqlInvites;
import dev.kefu.store.SqlKnowledgeBase;
import dev.kefu.useragent.UapUserAgents;
import dev.kefu.workspace.WorkspaceService;
import dev.kefu.api.Callers;
import dev.kefu.api.ConversationApi;
import dev.kefu.api.VisitorApi;
import dev.kefu.common.Clock;
import dev.kefu.common.Ids;
import dev.kefu.common.JsonText;
import dev.kefu.config.KefuCommand;
import dev.kefu.config.Settings;
import dev.kefu.conversation.ChatService;
import dev.kefu.conversation.ConversationDirectory;
import dev.kefu.conversation.ConversationEvent;
import java.util.function.Consumer;
import dev.kefu.crypto.Argon2PasswordHasher;
import dev.kefu.event.EventBus;
import dev.kefu.event.InProcessEventBus;
import dev.kefu.gateway.Gateway;
import dev.kefu.http.HttpDispatcher;
import dev.kefu.http.HttpServer;
import dev.kefu.http.Response;
import dev.kefu.http.Router;
import dev.kefu.http.StaticFiles;
import dev.kefu.attachment.FileStore;
import dev.kefu.store.Database;
import dev.kefu.store.SqlAgentSessions;
import dev.kefu.store.SqlPasswordResets;
import dev.kefu.agent.Passwords;
import dev.kefu.agent.SessionsEnded;
import dev.kefu.visitor.BlocksChanged;
import dev.kefu.api.PasswordApi;
import dev.kefu.mail.PasswordMail;
import dev.kefu.store.SqlAgents;
import dev.kefu.store.SqlConversations;
import dev.kefu.store.SqlMessageLog;
import dev.kefu.store.SqlSecrets;
import dev.kefu.store.SqlVisitors;
import dev.kefu.store.SqlWorkspaces;
import dev.kefu.api.BlockApi;
import dev.kefu.api.IdentityApi;
import dev.kefu.conversation.Conversation;
import dev.kefu.crypto.SecretBox;
import dev.kefu.geoip.MaxMindGeoIp;
import dev.kefu.store.SqlBlocks;
import dev.kefu.store.SqlIdentitySecrets;
import dev.kefu.store.SqlPageViews;
import dev.kefu.visitor.BlockList;
import dev.kefu.visitor.GeoIp;
import dev.kefu.visitor.IdentityService;
import dev.kefu.visitor.VisitorActivity;
import dev.kefu.visitor.VisitorChanged;
import dev.kefu.visitor.VisitorService;
import dev.kefu.visitor.VisitorTokens;
import dev.kefu.workspace.Workspace;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Main: command line → settings → wiring → start; and the one place where every part is put together. */
public final class Kefu implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Kefu.class);
    /** Largest file upload, in bytes. */
    static final long MAX_UPLOAD = 10L * 1024 * 1024;
    /** How soon a cluster node sees settings another node saved. */
    static final long SETTINGS_RELOAD_MILLIS = 3_000;

    private final Database db;
    private final ExecutorService virtualThreads;
    private final Gateway gateway;
    private final HttpServer http;
    private final String setupLink;
    private final String workspaceId;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final SqlWorkspaces workspaces;
    private final SqlAgents agents;
    private final AuthService auth;
    private final Presence presence;
    private final RedisLink redis;
    private final Dispatcher dispatcher;
    private final Audit audit;
    private final LuceneRetriever retriever;
    private final LuceneHistoryIndex history;
    private final OpenAiCompatibleClient llmClient;
    private final GeoIp geoIp;

    private Kefu(Settings settings) throws Exception {
        long started = System.nanoTime();
        if (settings.redisUrl() != null && settings.dbUrl() == null) {
            throw new IllegalArgumentException("--redis (cluster mode) needs PostgreSQL: give --db-url too");
        }
        this.redis = settings.redisUrl() == null ? null : new RedisLink(settings.redisUrl());
        EventBus<ConversationEvent> bus = redis == null ? new InProcessEventBus<>()
                : new RedisEventBus<>(redis, "kefu:events", ConversationEvent.class);
        // Presence changes are computed on every node from the shared state, so they stay on the node.
        EventBus<PresenceChanged> presenceBus = new InProcessEventBus<>();
        this.db = openDatabase(settings, bus);
        this.virtualThreads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("kefu-vt-", 0).factory());
        Clock clock = Clock.SYSTEM;

        this.workspaces = new SqlWorkspaces(db);
        this.agents = new SqlAgents(db);
        SqlAgentSessions sessions = new SqlAgentSessions(db);
        SqlConversations conversations = new SqlConversations(db);
        SqlSecrets secrets = new SqlSecrets(db);
        SqlTeams teams = new SqlTeams(db);
        SqlRouting routingStore = new SqlRouting(db);
        RoutingSettingsCache routingSettings = new RoutingSettingsCache(routingStore,
                workspaces.all().stream().map(Workspace::id).toList());
        this.presence = redis == null ? new InProcessPresence(presenceBus, routingSettings::graceMillis)
                : new RedisPresence(redis, presenceBus, routingSettings::graceMillis);
        this.audit = new Audit(new SqlAuditLog(db), clock);
        Argon2PasswordHasher hasher = new Argon2PasswordHasher();
        this.auth = new AuthService(agents, sessions, agents, hasher, clock,
                (agent, ok) -> audit.anonymous(agent.workspaceId(), ok ? "agent" : "unknown", ok ? agent.id() : null,
                        ok ? "login" : "login.failed", "{\"agentId\":" + JsonText.quote(agent.id()) + "}"));
        SqlVisitors visitorStore = new SqlVisitors(db);
        BlockList blocks = new BlockList(new SqlBlocks(db), visitorStore, clock, redis == null
                ? new InProcessEventBus<>() : new RedisEventBus<>(redis, "kefu:blocks", BlocksChanged.class));
        EventBus<VisitorChanged> visitorBus = redis == null ? new InProcessEventBus<>()
                : new RedisEventBus<>(redis, "kefu:visitors", VisitorChanged.class);
        VisitorActivity activity = new VisitorActivity(new SqlPageViews(db), blocks,
                (ws, visitor) -> conversations.latestUnresolved(ws, visitor).map(Conversation::id), visitorBus, clock);
        IdentityService identities = new IdentityService(new SqlIdentitySecrets(db,
                new SecretBox(secrets.getOrCreate(SecretBox.SERVER_SECRET), SecretBox.IDENTITY_SECRET)), clock);
        this.geoIp = MaxMindGeoIp.discover(settings.geoipDb(), MaxMindGeoIp.codeFolder(Kefu.class), settings.data());
        VisitorService visitors = new VisitorService(new VisitorService.Parts(workspaces, visitorStore,
                new VisitorTokens(secrets.getOrCreate("visitor-token-key")), new UapUserAgents(), geoIp, identities,
                blocks, activity), clock);
        ConversationDirectory directory = new ConversationDirectory(conversations);
        bus.subscribe(directory);
        AttachmentService attachments = new AttachmentService(new ConversationAccess(directory),
                new SqlAttachments(db), fileStore(db, settings), clock, MAX_UPLOAD,
                secrets.getOrCreate("file-url-key"));
        WorkspaceService workspaceService = new WorkspaceService(workspaces, presence::anyOnline);
        LlmMetrics llmMetrics = new LlmMetrics();
        this.llmClient = new OpenAiCompatibleClient();
        GuardedModel model = new GuardedModel(llmClient, llmMetrics);
        BotSettingsCache botSettings = new BotSettingsCache(new SqlBotSettings(db, new SecretBox(
                secrets.getOrCreate(SecretBox.SERVER_SECRET), SecretBox.LLM_API_KEY)), clock::millis);
        BotGateway botGateway = new BotGateway(botSettings, teams, workspaceService::withinHours, model);
        ChatService chat = new ChatService(new ChatService.Parts(conversations, directory, new SqlMessageLog(db),
                attachments, agents, bus, teams, botGateway), clock, settings.maxMessageLength());
        workspaceService.botAnswers(ws -> botGateway.botFirst(ws, null));
        this.dispatcher = new Dispatcher(routingStore, teams, presence, chat, bus, routingSettings, clock);
        bus.subscribe(e -> {
            if (e instanceof ConversationEvent.ConversationChanged) {
                dispatcher.kick(e.workspaceId());
            }
        });
        presenceBus.subscribe(p -> {
            if (p.status() == PresenceStatus.OFFLINE) {
                dispatcher.departed(p.workspaceId(), p.agentId());
            } else {
                dispatcher.kick(p.workspaceId());
            }
        });
        RoutingService routing = new RoutingService(routingSettings, routingStore, agents, dispatcher);
        TeamService teamService = new TeamService(teams, agents, dispatcher, clock);
        Authenticator authenticator = new Authenticator(auth, visitors, blocks);
        this.gateway = new Gateway(authenticator, chat, activity, bus, presence, presenceBus, virtualThreads,
                new Gateway.Limits(settings.maxConnectionsPerIp(), settings.wsRate(), settings.heartbeatMillis()));
        // A new block takes effect at once: the blocked visitors' open WebSockets close.
        blocks.onChange(ws -> gateway.closeBlocked((v, ip) -> v.workspaceId().equals(ws)
                && blocks.blocked(ws, v.id(), ip)));
        // Sessions ended through one node close their sockets on every node.
        EventBus<SessionsEnded> sessionsEnded = redis == null ? new InProcessEventBus<>()
                : new RedisEventBus<>(redis, "kefu:sessions", SessionsEnded.class);
        sessionsEnded.subscribe(e -> {
            if (e.agentId() != null) {
                gateway.closeAgent(e.agentId());
            }
            e.sessionHashes().forEach(gateway::closeSession);
        });
        Consumer<String> endSession = hash -> sessionsEnded.publish(SessionsEnded.session(hash));
        Consumer<String> endAgentSessions = id -> sessionsEnded.publish(SessionsEnded.allOf(id));
        AgentAdmin agentAdmin = new AgentAdmin(agents, sessions, new SqlInvites(db), auth, presence, clock,
                endAgentSessions);

        this.workspaceId = firstWorkspace(workspaces, clock);
        Router router = new Router();
        HttpDispatcher httpDispatcher = new HttpDispatcher(router, new StaticFiles("static"), gateway.upgradeHandler(),
                virtualThreads, settings.trustProxy(), workspaceService::allowedOrigins);
        if (redis != null) {
            redis.onReconnect(() -> {
                directory.clear();
                gateway.resyncAll();
            });
            redis.start();
            // Subscribed before the first client can connect, so no event from another node is missed.
            redis.awaitUp(java.time.Duration.ofSeconds(10));
        }
        this.http = new HttpServer(settings.host(), settings.port(), httpDispatcher, (int) MAX_UPLOAD);
        String publicUrl = settings.publicUrl() != null ? settings.publicUrl() : "http://localhost:" + http.port();

        Callers callers = new Callers(authenticator);
        router.get("/healthz", r -> Response.ok(Map.of("status", "ok")));
        new AuthApi(auth, callers, presence, endSession).routes(router);
        new AgentApi(agentAdmin, auth, presence, callers, publicUrl, audit).routes(router);

        Mailer mailer = settings.smtpUrl() == null ? Mailer.NONE : new SmtpMailer(settings.smtpUrl(), settings.mailFrom());
        java.util.function.Function<String, java.time.ZoneId> zoneOf = id -> workspaces.find(id)
                .map(w -> java.time.ZoneId.of(w.timezone())).orElse(java.time.ZoneOffset.UTC);
        Passwords passwords = new Passwords(agents, sessions, new SqlPasswordResets(db), hasher, auth, clock);
        new PasswordApi(passwords, new PasswordMail(passwords, mailer, virtualThreads, publicUrl), callers, audit,
                publicUrl, endSession, endAgentSessions).routes(router);
        new VisitorApi(visitors, activity, chat, conversations, callers, new Notifications(mailer, agents,
                virtualThreads, publicUrl)).routes(router);
        new BlockApi(blocks, callers).routes(router);
        new IdentityApi(identities, callers).routes(router);
        SqlLabels labelStore = new SqlLabels(db);
        ConversationAccess access = new ConversationAccess(directory);
        new ConversationApi(chat, attachments, callers, dispatcher::place, labelStore::of).routes(router);
        new AgentToolsApi(new NoteService(new SqlNotes(db), access, clock), new LabelService(labelStore, access, clock),
                new CsatService(new SqlRatings(db), access, clock), audit, callers,
                new TranscriptService(mailer, access, new SqlMessageLog(db), new SqlVisitors(db), agents, zoneOf))
                .routes(router);
        new WorkspaceApi(workspaceService, teamService, callers, MAX_UPLOAD, audit).routes(router);
        new RoutingApi(routing, teamService, presence, callers, audit).routes(router);
        new ReportApi(new ReportService(new SqlReportData(db), zoneOf), agents, teams, callers)
                .routes(router);
        AutoReplyService autoReplyRules = new AutoReplyService(new SqlAutoReplies(db), clock, settings.maxMessageLength());
        AutoResponder autoResponder = new AutoResponder(autoReplyRules, chat, directory, virtualThreads, clock::millis);
        bus.subscribeLocal(autoResponder);
        new CannedReplyApi(new CannedReplyService(new SqlCannedReplies(db), clock, settings.maxMessageLength()),
                autoReplyRules, callers).routes(router);
        new FilesApi(attachments).routes(router);
        this.history = new LuceneHistoryIndex(settings.data().resolve("search").resolve("history"),
                new SqlHistorySource(db));
        bus.subscribe(e -> {
            if (e instanceof ConversationEvent.MessageAppended m) {
                history.add(m.message());
            }
        });
        new SearchApi(new SearchService(history, new SqlSearchCandidates(db), labelStore::of, zoneOf), callers)
                .routes(router);
        SqlKnowledgeBase knowledgeBase = new SqlKnowledgeBase(db);
        this.retriever = new LuceneRetriever(knowledgeBase);
        KnowledgeService knowledge = new KnowledgeService(knowledgeBase, retriever, clock);
        new KnowledgeApi(knowledge, callers, clock).routes(router);
        bus.subscribeLocal(new BotService(chat, directory, new SqlMessageLog(db), knowledge, retriever, model, botSettings,
                bus, virtualThreads, clock::millis, autoResponder));
        new BotApi(botSettings, chat, new AgentAssist(access, new SqlMessageLog(db), retriever, model, botSettings),
                llmMetrics, audit, callers).routes(router);

        if (redis != null) {
            ((RedisPresence) presence).start();
            // Settings other nodes saved: what nodes keep in memory is read again every few seconds.
            Thread.ofPlatform().name("kefu-settings-reload").daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        Thread.sleep(SETTINGS_RELOAD_MILLIS);
                        routingSettings.reload(workspaces.all().stream().map(Workspace::id).toList());
                        workspaceService.reload();
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        LOG.warn("could not reload settings: {}", e.getMessage());
                    }
                }
            });
        }
        dispatcher.start();
        this.setupLink = agents.inWorkspace(workspaceId).isEmpty()
                ? publicUrl + "/setup#token=" + auth.issueSetupToken(workspaceId) : null;
        LOG.info("Kefu listening on port {} ({} storage) in {} ms", http.port(),
                db.kind() == Database.Kind.SQLITE ? "SQLite in " + settings.data().toAbsolutePath() : "PostgreSQL",
                (System.nanoTime() - started) / 1_000_000);
    }

    public static Kefu start(Settings settings) throws Exception {
        return new Kefu(settings);
    }

    /**
     * A single node keeps uploads on its disk; nodes that share PostgreSQL keep them in it, so every node serves
     * every file (files from before, on the shared disk the docs then asked for, are still served).
     */
    /** SQLite in --data, or the PostgreSQL of --db-url; migrated. */
    static Database openDatabase(Settings settings, EventBus<ConversationEvent> bus) {
        return settings.dbUrl() == null ? Database.sqlite(settings.data(), bus)
                : Database.postgresql(settings.dbUrl(), settings.dbUser(), settings.dbPassword(), bus);
    }

    private static FileStore fileStore(Database db, Settings settings) {
        DiskFileStore disk = new DiskFileStore(settings.data());
        return db.kind() == Database.Kind.POSTGRESQL ? new DatabaseFileStore(db, disk) : disk;
    }

    private static String firstWorkspace(SqlWorkspaces workspaces, Clock clock) {
        List<Workspace> all = workspaces.all();
        if (!all.isEmpty()) {
            return all.getFirst().id();
        }
        Workspace w = new Workspace(Ids.next(), "My company", clock.millis());
        workspaces.create(w);
        return w.id();
    }

    public int port() {
        return http.port();
    }

    /** The one-time owner setup link, or null once the workspace has an owner. */
    public String setupLink() {
        return setupLink;
    }

    public String workspaceId() {
        return workspaceId;
    }

    /**
     * Hosts another company on this server: a new workspace and its owner. Returns the workspace id.
     * Blocking.
     */
    public String provisionWorkspace(String name, String ownerName, String email, String password) {
        Workspace w = new Workspace(Ids.next(), name, Clock.SYSTEM.millis());
        Agent owner = auth.newAgent(w.id(), ownerName, email, password, Role.OWNER);
        workspaces.create(w);
        agents.create(owner);
        return w.id();
    }

    public int connections() {
        return gateway.connections();
    }

    @Override
    public void close() {
        try {
            gateway.close();
            http.close();
            dispatcher.close();
            if (presence instanceof AutoCloseable closeable) {
                closeable.close();
            }
            // The last queued messages are committed, and their events published, while Redis still carries
            // them to the other nodes: agents that moved there may have resumed before those commits.
            db.stopWrites();
            if (redis != null) {
                redis.close();
            }
            virtualThreads.shutdown();
            retriever.close();
            history.close();
            llmClient.close();
            db.close();
            if (geoIp instanceof AutoCloseable c) {
                c.close();
            }
        } catch (Exception e) {
            LOG.warn("error while stopping", e);
        } finally {
            stopped.countDown();
        }
    }

    public static void main(String[] args) {
        int code = KefuCommand.commandLine(args, System.getenv(), Kefu::serve, PasswordResetLink::print)
                .execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    private static int serve(Settings settings) {
        Kefu kefu;
        try {
            kefu = start(settings);
        } catch (Exception e) {
            LOG.error("Kefu could not start: {}", e.getMessage(), e);
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(kefu::close));
        System.out.println();
        System.out.println("  Kefu is running: http://localhost:" + kefu.port() + "/app/");
        System.out.println("  Workspace id (for the widget snippet): " + kefu.workspaceId());
        if (kefu.setupLink() != null) {
            System.out.println("  First run: open this one-time link to create the owner account (valid 24 hours):");
            System.out.println("  " + kefu.setupLink());
        }
        System.out.println();
        System.out.flush();
        try {
            kefu.stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}

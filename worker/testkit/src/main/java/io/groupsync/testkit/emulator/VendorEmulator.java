package io.groupsync.testkit.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * An HTTP server on loopback that plays one vendor. This base does what every vendor shares, in the order a
 * real deployment would: injected faults first (they stand for the network and the vendor's front door), then
 * the sliding-window frequency limit per API, then the vendor's own handling. Subclasses say which API a
 * request addresses, how the vendor answers throttling and its transient and expiry codes, and keep the state.
 */
public abstract class VendorEmulator implements AutoCloseable {

    protected static final ObjectMapper JSON = EmulatorResponse.JSON;

    private static final AtomicInteger SERVER_IDS = new AtomicInteger();

    static {
        // The JDK server sends an answer's headers and body as separate segments; without TCP_NODELAY, Nagle and
        // the client's delayed ACK hold every answer ~40 ms, capping one keep-alive connection near 20 calls/s.
        // Read once when the JDK's server config loads, so it must be set before the first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    protected final EmulatorClock clock;
    private final SlidingWindowLimiter limiter;
    private final CallLog calls = new CallLog();
    private final FaultPlan faults = new FaultPlan();
    private final String name;
    private volatile Duration timeoutHold = Duration.ofSeconds(30);
    private volatile Consumer<EmulatorRequest> tap = request -> { };
    private volatile BiConsumer<EmulatorRequest, Call> watcher = (request, call) -> { };
    private HttpServer server;
    private ExecutorService handlers;
    private ScheduledExecutorService delayed;

    protected VendorEmulator(String name, EmulatorClock clock, int defaultLimitPerSecond) {
        this(name, clock, new SlidingWindowLimiter(clock, defaultLimitPerSecond));
    }

    /**
     * For a vendor served from several domains (a primary and a backup) whose instances count calls against one
     * quota: they pass the same limiter, built on the same clock.
     */
    protected VendorEmulator(String name, EmulatorClock clock, SlidingWindowLimiter limiter) {
        this.name = name;
        this.clock = clock;
        this.limiter = limiter;
    }

    /** Which vendor API this request addresses, or empty for a path the vendor does not serve (404). */
    protected abstract Optional<String> apiOf(EmulatorRequest request);

    /** The vendor's own handling: authentication, validation, state change, its envelope. */
    protected abstract EmulatorResponse serve(String api, EmulatorRequest request);

    /** The vendor's answer to a call over its frequency limit. */
    protected abstract EmulatorResponse throttledAnswer(String api);

    /** The vendor's answer for {@link Fault#VENDOR_TRANSIENT} or {@link Fault#AUTH_EXPIRED}. */
    protected abstract EmulatorResponse vendorFaultAnswer(Fault fault, String api);

    /**
     * The same answer, for a vendor whose answer depends on the request (e.g. which credential an expiry
     * applies to, so that it stays expired). By default the request is not looked at.
     */
    protected EmulatorResponse vendorFaultAnswer(Fault fault, String api, EmulatorRequest request) {
        return vendorFaultAnswer(fault, api);
    }

    /** Binds a free loopback port and starts serving. */
    public synchronized VendorEmulator start() {
        if (server != null) {
            return this;
        }
        int id = SERVER_IDS.incrementAndGet();
        // A thread for every request in flight, as a vendor's front end takes them all: arrival is stamped when a
        // thread picks the request up, and a small pool queued bursts (OpenIM's ex reads, 50 at once) and stamped
        // them late and together, counting a burst the client never sent.
        handlers = Executors.newCachedThreadPool(daemon(name + "-emulator-" + id));
        delayed = Executors.newSingleThreadScheduledExecutor(daemon(name + "-emulator-delay-" + id));
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the " + name + " emulator", e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
        return this;
    }

    /** {@code http://127.0.0.1:PORT}, the base the vendor client is pointed at. */
    public URI baseUri() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getHostString() + ":" + address.getPort());
    }

    public CallLog calls() {
        return calls;
    }

    public FaultPlan faults() {
        return faults;
    }

    public SlidingWindowLimiter limiter() {
        return limiter;
    }

    /**
     * Shows {@code tap} every request as it arrived, before faults and limits: the credentials a client really sent
     * (UserSigs, tokens, signatures) are known only here, and a secrets test must look for them in the outputs.
     */
    public void tap(Consumer<EmulatorRequest> tap) {
        this.tap = Objects.requireNonNull(tap, "tap");
    }

    /**
     * Shows {@code watcher} every request with the call it became, once it is answered: when a call was in progress
     * is known only here, and which group or member it was for only from its request.
     */
    public void watch(BiConsumer<EmulatorRequest, Call> watcher) {
        this.watcher = Objects.requireNonNull(watcher, "watcher");
    }

    /** How long a {@link Fault#TIMEOUT} call is held before its connection is closed unanswered. */
    public void setTimeoutHold(Duration hold) {
        this.timeoutHold = hold;
    }

    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        server.stop(0);
        delayed.shutdownNow();
        handlers.shutdownNow();
        server = null;
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrival = clock.nanoTime();
        EmulatorRequest request = read(exchange);
        tap.accept(request);
        Optional<String> api = apiOf(request);
        if (api.isEmpty()) {
            answer(exchange, EmulatorResponse.plain(404, "no such API: " + request.path()));
            return;
        }
        Optional<Fault> fault = faults.next();
        EmulatorResponse response;
        if (fault.isPresent() && fault.get() == Fault.DROP) {
            record(request, new Call(api.get(), arrival, 0, null, false, arrival));
            exchange.close();
            return;
        }
        if (fault.isPresent() && fault.get() == Fault.TIMEOUT) {
            record(request, new Call(api.get(), arrival, 0, null, false, arrival));
            delayed.schedule(exchange::close, timeoutHold.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        if (fault.isPresent()) {
            response = switch (fault.get()) {
                case SERVER_ERROR -> EmulatorResponse.plain(503, "Service Unavailable");
                case THROTTLE -> throttledAnswer(api.get()).asThrottled();
                default -> vendorFaultAnswer(fault.get(), api.get(), request);
            };
        } else if (!limiter.tryAdmit(api.get())) {
            response = throttledAnswer(api.get()).asThrottled();
        } else {
            response = serve(api.get(), request);
        }
        // Logged before the answer goes out, so a client that has its answer finds the call in the log.
        record(request, new Call(api.get(), arrival, response.status(), response.vendorCode(), response.throttled(),
                clock.nanoTime()));
        answer(exchange, response);
    }

    private void record(EmulatorRequest request, Call call) {
        calls.add(call);
        watcher.accept(request, call);
    }

    private static EmulatorRequest read(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        return new EmulatorRequest(exchange.getRequestMethod(), exchange.getRequestURI(), Map.copyOf(headers), body);
    }

    private static void answer(HttpExchange exchange, EmulatorResponse response) throws IOException {
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response.body());
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

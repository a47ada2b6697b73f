package io.vpcflow.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP endpoint that answers as EC2 (Query protocol, XML) and Lambda (REST, JSON) do on the wire,
 * so the real SDK clients can be tested end to end on loopback. Responses are scripted per action:
 * pages by {@code NextToken}/{@code Marker}, a number of throttled answers first, or a permanent failure.
 */
public final class LocalAwsEndpoint implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, List<String>> pages = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> throttles = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final List<Map<String, String>> requests = Collections.synchronizedList(new ArrayList<>());

    public LocalAwsEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The pages of an action's answer; page i+1 is asked for with token {@code "page-" + (i+1)}. */
    public LocalAwsEndpoint pages(String action, String... bodies) {
        pages.put(action, List.of(bodies));
        return this;
    }

    /** The first {@code n} calls of the action are answered as throttled. */
    public LocalAwsEndpoint throttle(String action, int n) {
        throttles.put(action, new AtomicInteger(n));
        return this;
    }

    /** Every call of the action fails with this HTTP status. */
    public LocalAwsEndpoint fail(String action, int status) {
        failures.put(action, status);
        return this;
    }

    /** The parameters of every request so far, in order. */
    public List<Map<String, String>> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public long count(String action) {
        synchronized (requests) {
            return requests.stream().filter(r -> action.equals(r.get("Action"))).count();
        }
    }

    private void handle(HttpExchange x) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        boolean lambda = x.getRequestURI().getPath().startsWith("/2015-03-31/functions");
        String query = lambda
                ? x.getRequestURI().getRawQuery()
                : new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (query != null) {
            for (String kv : query.split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    params.put(
                            URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        String action = lambda ? "ListFunctions" : params.getOrDefault("Action", "?");
        params.put("Action", action);
        requests.add(params);

        AtomicInteger throttled = throttles.get(action);
        if (throttled != null && throttled.getAndDecrement() > 0) {
            if (lambda) {
                x.getResponseHeaders().add("x-amzn-ErrorType", "TooManyRequestsException");
                send(x, 429, "application/json", "{\"Type\":\"User\",\"message\":\"Rate exceeded\"}");
            } else {
                send(x, 503, "text/xml", ec2Error("RequestLimitExceeded", "Request limit exceeded."));
            }
            return;
        }
        Integer failure = failures.get(action);
        if (failure != null) {
            if (lambda) {
                x.getResponseHeaders().add("x-amzn-ErrorType", "ServiceException");
                send(x, failure, "application/json", "{\"message\":\"Internal failure\"}");
            } else {
                send(
                        x,
                        failure,
                        "text/xml",
                        ec2Error(
                                failure >= 500 ? "InternalError" : "UnauthorizedOperation",
                                "An internal error has occurred."));
            }
            return;
        }
        List<String> bodies = pages.getOrDefault(action, List.of(lambda ? "{\"Functions\":[]}" : ""));
        String token = params.getOrDefault(lambda ? "Marker" : "NextToken", "page-0");
        int page = Integer.parseInt(token.substring("page-".length()));
        String next = page + 1 < bodies.size() ? "page-" + (page + 1) : null;
        if (lambda) {
            String body = bodies.get(page).strip();
            body = body.substring(0, body.length() - 1) + (next == null ? "" : ",\"NextMarker\":\"" + next + "\"")
                    + "}";
            send(x, 200, "application/json", body);
        } else {
            String root = action + "Response";
            send(
                    x,
                    200,
                    "text/xml",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + root
                            + " xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r-" + page
                            + "</requestId>"
                            + bodies.get(page) + (next == null ? "" : "<nextToken>" + next + "</nextToken>") + "</"
                            + root + ">");
        }
    }

    private static String ec2Error(String code, String message) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + code + "</Code><Message>"
                + message + "</Message></Error></Errors><RequestID>e-1</RequestID></Response>";
    }

    private static void send(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", type);
        x.sendResponseHeaders(status, b.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

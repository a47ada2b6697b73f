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
 * A local HTTP endpoint that answers as EC2 and STS (Query protocol, XML), Lambda (REST, JSON) and Organizations
 * (JSON 1.1) do on the wire, so the real SDK clients can be tested end to end on loopback. Responses are scripted per
 * action: pages by {@code NextToken}/{@code Marker}, a number of throttled answers first, or a permanent failure.
 *
 * <p>A script may be scoped to the caller: {@code "KEY"}, {@code "KEY@region"} or {@code "@region"}, read from the
 * access key and region of the request's SigV4 credential scope. {@code AssumeRole} answers for any account with
 * credentials whose access key is {@code "AKID" + account}, so that each member account's calls can be told apart
 * and scripted; accounts {@linkplain #denyRole denied} get STS's AccessDenied.
 */
public final class LocalAwsEndpoint implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, List<String>> pages = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> throttles = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final List<Map<String, String>> requests = Collections.synchronizedList(new ArrayList<>());
    private final java.util.Set<String> deniedAccounts = ConcurrentHashMap.newKeySet();
    private static final java.util.regex.Pattern CREDENTIAL =
            java.util.regex.Pattern.compile("Credential=([^/]+)/\\d{8}/([^/]+)/");
    private static final java.util.regex.Pattern NEXT_TOKEN =
            java.util.regex.Pattern.compile("\"NextToken\"\\s*:\\s*\"([^\"]+)\"");
    private static final java.util.regex.Pattern ROLE_ACCOUNT = java.util.regex.Pattern.compile("::(\\d{12}):role/");

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

    /** The pages of an action's answer to callers of one scope ({@code KEY}, {@code KEY@region}, {@code @region}). */
    public LocalAwsEndpoint pagesFor(String scope, String action, String... bodies) {
        pages.put(scope + ":" + action, List.of(bodies));
        return this;
    }

    /** The first {@code n} calls of the action from callers of one scope are answered as throttled. */
    public LocalAwsEndpoint throttleFor(String scope, String action, int n) {
        throttles.put(scope + ":" + action, new AtomicInteger(n));
        return this;
    }

    /** Every call of the action from callers of one scope fails with this HTTP status. */
    public LocalAwsEndpoint failFor(String scope, String action, int status) {
        failures.put(scope + ":" + action, status);
        return this;
    }

    /** AssumeRole into this account is refused with STS's AccessDenied. */
    public LocalAwsEndpoint denyRole(String account) {
        deniedAccounts.add(account);
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
        String target = x.getRequestHeaders().getFirst("X-Amz-Target");
        boolean json = target != null;
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String query = lambda ? x.getRequestURI().getRawQuery() : json ? null : body;
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
        if (json) {
            java.util.regex.Matcher m = NEXT_TOKEN.matcher(body);
            if (m.find()) {
                params.put("NextToken", m.group(1));
            }
            params.put("Body", body);
        }
        String action = lambda
                ? "ListFunctions"
                : json ? target.substring(target.indexOf('.') + 1) : params.getOrDefault("Action", "?");
        params.put("Action", action);
        String authorization = x.getRequestHeaders().getFirst("Authorization");
        java.util.regex.Matcher credential = CREDENTIAL.matcher(authorization == null ? "" : authorization);
        String key = credential.find() ? credential.group(1) : "";
        String region = credential.groupCount() > 0 && !key.isEmpty() ? credential.group(2) : "";
        params.put("AccessKey", key);
        params.put("Region", region);
        requests.add(params);
        List<String> scopes =
                List.of(key + "@" + region + ":" + action, key + ":" + action, "@" + region + ":" + action, action);

        AtomicInteger throttled = first(throttles, scopes);
        if (throttled != null && throttled.getAndDecrement() > 0) {
            if (lambda) {
                x.getResponseHeaders().add("x-amzn-ErrorType", "TooManyRequestsException");
                send(x, 429, "application/json", "{\"Type\":\"User\",\"message\":\"Rate exceeded\"}");
            } else if (json) {
                send(
                        x,
                        400,
                        "application/x-amz-json-1.1",
                        "{\"__type\":\"TooManyRequestsException\",\"Message\":\"Rate exceeded\"}");
            } else {
                send(x, 503, "text/xml", ec2Error("RequestLimitExceeded", "Request limit exceeded."));
            }
            return;
        }
        Integer failure = first(failures, scopes);
        if (failure != null) {
            if (lambda) {
                x.getResponseHeaders().add("x-amzn-ErrorType", "ServiceException");
                send(x, failure, "application/json", "{\"message\":\"Internal failure\"}");
            } else if (json) {
                send(
                        x,
                        failure,
                        "application/x-amz-json-1.1",
                        "{\"__type\":\"" + (failure >= 500 ? "ServiceException" : "AccessDeniedException")
                                + "\",\"Message\":\"refused\"}");
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
        if (action.equals("AssumeRole")) {
            assumeRole(x, params);
            return;
        }
        List<String> bodies = first(pages, scopes);
        if (bodies == null) {
            bodies = List.of(lambda ? "{\"Functions\":[]}" : json ? "{}" : "");
        }
        String token = params.getOrDefault(lambda ? "Marker" : "NextToken", "page-0");
        int page = Integer.parseInt(token.substring("page-".length()));
        String next = page + 1 < bodies.size() ? "page-" + (page + 1) : null;
        if (lambda || json) {
            String answer = bodies.get(page).strip();
            String nextKey = lambda ? "NextMarker" : "NextToken";
            answer = answer.substring(0, answer.length() - 1)
                    + (next == null ? "" : (answer.length() > 2 ? "," : "") + "\"" + nextKey + "\":\"" + next + "\"")
                    + "}";
            send(x, 200, lambda ? "application/json" : "application/x-amz-json-1.1", answer);
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

    private static <T> T first(Map<String, T> scripts, List<String> scopes) {
        for (String scope : scopes) {
            T t = scripts.get(scope);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    private void assumeRole(HttpExchange x, Map<String, String> params) throws IOException {
        java.util.regex.Matcher m = ROLE_ACCOUNT.matcher(params.getOrDefault("RoleArn", ""));
        String account = m.find() ? m.group(1) : null;
        if (account == null || deniedAccounts.contains(account)) {
            send(
                    x,
                    403,
                    "text/xml",
                    "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error>"
                            + "<Type>Sender</Type><Code>AccessDenied</Code><Message>User is not authorized to perform: "
                            + "sts:AssumeRole on resource: " + params.get("RoleArn") + "</Message></Error>"
                            + "<RequestId>e-2</RequestId></ErrorResponse>");
            return;
        }
        String expires = java.time.Instant.now()
                .plusSeconds(3600)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
        send(
                x,
                200,
                "text/xml",
                "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                        + "<AssumeRoleResult><Credentials><AccessKeyId>AKID" + account + "</AccessKeyId>"
                        + "<SecretAccessKey>secret-" + account + "</SecretAccessKey><SessionToken>token-" + account
                        + "</SessionToken><Expiration>" + expires + "</Expiration></Credentials><AssumedRoleUser>"
                        + "<AssumedRoleId>AROA" + account + ":" + params.get("RoleSessionName") + "</AssumedRoleId>"
                        + "<Arn>" + params.get("RoleArn") + "</Arn></AssumedRoleUser></AssumeRoleResult>"
                        + "<ResponseMetadata><RequestId>r-sts</RequestId></ResponseMetadata></AssumeRoleResponse>");
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

package io.vpcflow.cli.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vpcflow.cli.support.TerminalText;
import io.vpcflow.cli.support.UserError;
import io.vpcflow.jobs.config.JobConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vpcflow deploy}: submit the enrichment job to a Flink cluster through its REST API, or stop it with a savepoint. */
@Command(
        name = "deploy",
        mixinStandardHelpOptions = true,
        description = "Uploads the job jar (jobs/target/vpcflow-job.jar) to a Flink cluster and runs it with a "
                + "configuration file (validated first), optionally from a savepoint; prints the job id and the web UI "
                + "link. With --stop-with-savepoint JOBID it stops a job with a savepoint and prints where it is.")
public final class DeployCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--jobmanager",
            required = true,
            paramLabel = "URL",
            description = "The JobManager's REST address, " + "e.g. http://127.0.0.1:8081.")
    URI jobmanager;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "The job's configuration (see deploy/config/); the " + "JobManager must be able to read this path.")
    Path config;

    @Option(names = "--savepoint", paramLabel = "PATH", description = "Start from this savepoint.")
    String savepoint;

    @Option(names = "--jar", paramLabel = "FILE", description = "The job jar. Default: jobs/target/vpcflow-job.jar.")
    Path jar = Paths.get("jobs", "target", "vpcflow-job.jar");

    @Option(
            names = "--stop-with-savepoint",
            paramLabel = "JOBID",
            description = "Stop this job with a savepoint instead.")
    String stopJob;

    /** Made when the command runs: a client sets up TLS, which every other command's start would pay for. */
    private HttpClient http;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try {
            if (stopJob != null) {
                out.println("stopped " + stopJob + " with a savepoint at " + stop(stopJob));
            } else {
                String jobId = submit();
                out.println("submitted job " + jobId);
                out.println("web UI: " + jobmanager.resolve("/#/job/running/" + jobId + "/overview"));
            }
        } catch (ConnectException e) {
            throw new UserError("no Flink JobManager answers at " + jobmanager);
        }
        out.flush();
        return 0;
    }

    private String submit() throws Exception {
        if (config == null) {
            throw new UserError("give --config FILE (or --stop-with-savepoint JOBID)");
        }
        JobConfig c;
        try {
            c = JobConfig.load(config);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        List<String> problems = c.problems();
        if (!problems.isEmpty()) {
            throw new UserError(config + ": " + String.join("; ", problems));
        }
        if (!Files.isRegularFile(jar)) {
            throw new UserError("no job jar at " + jar + ": build it with mvn -B -DskipTests package, or give --jar");
        }
        String boundary = "vpcflow-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\"vpcflow-job.jar\"\r\n"
                        + "Content-Type: application/x-java-archive\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        body.write(Files.readAllBytes(jar));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        JsonNode uploaded = call(HttpRequest.newBuilder(jobmanager.resolve("/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build());
        String file = uploaded.path("filename").asText();
        String jarId = file.substring(file.lastIndexOf('/') + 1);
        ObjectNode run = JSON.createObjectNode();
        run.put("entryClass", "io.vpcflow.jobs.EnrichmentMain");
        run.putArray("programArgsList")
                .add("--config")
                .add(config.toAbsolutePath().toString());
        if (savepoint != null) {
            run.put("savepointPath", savepoint);
        }
        JsonNode started = call(HttpRequest.newBuilder(jobmanager.resolve("/jars/" + jarId + "/run"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(run.toString()))
                .build());
        return started.path("jobid").asText();
    }

    private String stop(String jobId) throws Exception {
        JsonNode trigger = call(HttpRequest.newBuilder(jobmanager.resolve("/jobs/" + jobId + "/stop"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"drain\": false}"))
                .build());
        String request = trigger.path("request-id").asText();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            JsonNode status =
                    call(HttpRequest.newBuilder(jobmanager.resolve("/jobs/" + jobId + "/savepoints/" + request))
                            .GET()
                            .build());
            if ("COMPLETED".equals(status.at("/status/id").asText())) {
                JsonNode op = status.path("operation");
                if (op.has("failure-cause")) {
                    throw new UserError("the savepoint failed: "
                            + TerminalText.safe(
                                    op.at("/failure-cause/stack-trace")
                                            .asText()
                                            .lines()
                                            .findFirst()
                                            .orElse("?"),
                                    300));
                }
                return op.path("location").asText();
            }
            TimeUnit.MILLISECONDS.sleep(500); // polling the JobManager's asynchronous operation
        }
        throw new UserError("the savepoint of " + jobId + " did not complete within 5 minutes");
    }

    /**
     * What went wrong, from a JobManager's error list: its first line says only "Could not execute application",
     * the last "Caused by" of the stack trace that follows names the job's own failure.
     */
    static String cause(JsonNode errors) {
        String first = null;
        String last = null;
        for (JsonNode e : errors) {
            for (String line : e.asText().lines().toList()) {
                String l = line.strip();
                if (first == null && !l.isEmpty()) {
                    first = l;
                }
                if (l.startsWith("Caused by: ")) {
                    last = l.substring("Caused by: ".length());
                }
            }
        }
        return last != null ? last : first == null ? "" : first;
    }

    private JsonNode call(HttpRequest request) throws Exception {
        if (http == null) {
            http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
        }
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
        if (r.statusCode() >= 300) {
            String error = body.path("errors").isArray() && body.path("errors").size() > 0
                    ? cause(body.path("errors"))
                    : r.body();
            throw new UserError("the JobManager refused " + request.uri().getPath() + " (HTTP " + r.statusCode() + "): "
                    + TerminalText.safe(error, 300));
        }
        return body;
    }
}

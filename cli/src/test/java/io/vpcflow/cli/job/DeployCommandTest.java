package io.vpcflow.cli.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DeployCommandTest {
    @Test
    void theCauseIsTheLastCausedByOfTheJobManagersTrace() throws Exception {
        // The shape of Flink's answer to /jars/:id/run when the job's main method throws.
        String body = "{\"errors\":[\"org.apache.flink.runtime.rest.handler.RestHandlerException: Could not execute "
                + "application.\\n\\tat org.apache.flink.runtime.webmonitor.handlers.JarRunHandler.lambda$handleRequest"
                + "(JarRunHandler.java:114)\\nCaused by: org.apache.flink.client.program.ProgramInvocationException: "
                + "The main method caused an error: wrapped\\n\\tat x.y(Z.java:1)\\nCaused by: "
                + "io.vpcflow.inventory.InventoryException: no inventory folder at /data/inventory\\n\\t... 12 more\\n\"]}";
        assertThat(DeployCommand.cause(new ObjectMapper().readTree(body).path("errors")))
                .isEqualTo("io.vpcflow.inventory.InventoryException: no inventory folder at /data/inventory");
        assertThat(DeployCommand.cause(new ObjectMapper()
                        .readTree("{\"errors\":[\"Not found: /jars/x\"]}")
                        .path("errors")))
                .isEqualTo("Not found: /jars/x");
    }
}

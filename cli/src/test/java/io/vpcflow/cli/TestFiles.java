package io.vpcflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Folders copied for a test to change. */
final class TestFiles {
    private TestFiles() {}

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    /**
     * A proposal folder: the security groups of {@code groups} (a describe-security-groups.json) with web's inbound
     * 443 rule taken out.
     */
    static Path withoutWeb443(Path groups, Path folder) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode all = (ObjectNode) json.readTree(groups.toFile());
        for (JsonNode g : all.path("SecurityGroups")) {
            if (g.path("GroupId").asText().equals("sg-0web")) {
                ArrayNode kept = json.createArrayNode();
                g.path("IpPermissions").forEach(p -> {
                    if (p.path("FromPort").asInt() != 443) {
                        kept.add(p);
                    }
                });
                ((ObjectNode) g).set("IpPermissions", kept);
            }
        }
        Files.createDirectories(folder);
        json.writeValue(folder.resolve("describe-security-groups.json").toFile(), all);
        return folder;
    }
}

package io.vpcflow.sg;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.inventory.Enis;
import io.vpcflow.inventory.InventorySnapshot;
import io.vpcflow.inventory.NetworkInterface;
import io.vpcflow.inventory.PrefixList;
import io.vpcflow.inventory.SecurityGroup;
import io.vpcflow.inventory.SecurityGroupRule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Compiled groups are reused from the previous snapshot only when nothing they depend on changed. */
class RuleIndexTest {
    private static final SecurityGroup SSH = new SecurityGroup(
            "sg-ssh",
            "ssh",
            "",
            "vpc-1",
            "1",
            List.of(new SecurityGroupRule(
                    "sgr-1", "sg-ssh", false, "tcp", 22, 22, null, null, "pl-office", null, null)),
            Map.of());
    private static final SecurityGroup WEB = new SecurityGroup(
            "sg-web",
            "web",
            "",
            "vpc-1",
            "1",
            List.of(
                    new SecurityGroupRule(
                            "sgr-2", "sg-web", false, "tcp", 443, 443, "0.0.0.0/0", null, null, null, null),
                    new SecurityGroupRule(
                            "sgr-3", "sg-web", false, "udp", 5000, 5010, "0.0.0.0/0", null, null, null, null),
                    new SecurityGroupRule(
                            "sgr-4", "sg-web", false, "tcp", 0, 65535, "10.0.0.0/8", null, null, null, null)),
            Map.of());

    @Test
    void theSameGroupObjectIsCompiledOnceUnlessThePrefixListsChanged() {
        PrefixList office = new PrefixList("pl-office", "office", "IPv4", List.of("198.51.100.0/24"));
        RuleIndex first = RuleIndex.compile(snapshot(List.of(SSH, WEB), office));
        SecurityGroup webChanged =
                new SecurityGroup("sg-web", "web", "", "vpc-1", "1", WEB.rules().subList(0, 1), Map.of());
        RuleIndex second = RuleIndex.compile(snapshot(List.of(SSH, webChanged), office), first);
        assertThat(groupOf(second, "sg-ssh")).isSameAs(groupOf(first, "sg-ssh"));
        assertThat(groupOf(second, "sg-web")).isNotSameAs(groupOf(first, "sg-web"));
        assertThat(groupOf(second, "sg-web").inbound()).hasSize(1);

        PrefixList moved = new PrefixList("pl-office", "office", "IPv4", List.of("203.0.113.0/24"));
        RuleIndex third = RuleIndex.compile(snapshot(List.of(SSH, webChanged), moved), second);
        assertThat(groupOf(third, "sg-ssh")).as("its prefix list changed").isNotSameAs(groupOf(second, "sg-ssh"));
    }

    @Test
    void inboundPortRangesAnswerForTcpUdpAndNotForAllPortRules() {
        RuleIndex.Group web = groupOf(RuleIndex.compile(snapshot(List.of(WEB), null)), "sg-web");
        assertThat(web.inboundOpens(6, 443)).isTrue();
        assertThat(web.inboundOpens(6, 444))
                .as("the 0-65535 rule names no port")
                .isFalse();
        assertThat(web.inboundOpens(17, 5000)).isTrue();
        assertThat(web.inboundOpens(17, 5010)).isTrue();
        assertThat(web.inboundOpens(17, 5011)).isFalse();
        assertThat(web.inboundOpens(17, 443)).isFalse();
        assertThat(web.inboundOpens(132, 443)).as("SCTP has no rule").isFalse();
    }

    @Test
    void anInterfacesGroupsResolveInOrderWithNullForAGroupTheSnapshotLacks() {
        NetworkInterface eni = Enis.interfaceNamed("eni-1")
                .account("1")
                .instance("i-1")
                .zone("az")
                .groups("sg-web", "sg-gone", "sg-ssh")
                .build();
        RuleIndex index = RuleIndex.compile(new InventorySnapshot(
                Instant.parse("2026-11-26T12:00:00Z"),
                true,
                List.of(),
                List.of(eni),
                List.of(SSH, WEB),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of()));
        RuleIndex.Group[] groups = index.groupsOf(eni.securityGroupIds());
        assertThat(groups).extracting(g -> g == null ? null : g.id()).containsExactly("sg-web", null, "sg-ssh");
        assertThat(index.groupsOf(List.of("sg-ssh", "sg-web")))
                .extracting(RuleIndex.Group::id)
                .containsExactly("sg-ssh", "sg-web");
    }

    private static InventorySnapshot snapshot(List<SecurityGroup> groups, PrefixList pl) {
        return new InventorySnapshot(
                Instant.parse("2026-11-26T12:00:00Z"),
                true,
                List.of(),
                List.of(),
                groups,
                List.of(),
                List.of(),
                List.of(),
                pl == null ? List.of() : List.of(pl),
                List.of());
    }

    private static RuleIndex.Group groupOf(RuleIndex index, String id) {
        return index.groupsOf(List.of(id))[0];
    }
}

package io.vpcflow.whatif;

import io.vpcflow.inventory.SecurityGroupRule;
import io.vpcflow.sg.RuleKey;
import java.util.List;

/**
 * Suggestions as Terraform: one {@code aws_vpc_security_group_ingress_rule} or {@code _egress_rule} per narrowed rule,
 * and the rules to remove named in comments (how a rule leaves depends on how it is managed now). Every value comes
 * from an inventory, so each is escaped as an HCL string and resource names keep only letters, digits and {@code _}.
 */
public final class TerraformRules {
    private TerraformRules() {}

    public static String of(List<LeastPrivilege.Suggestion> suggestions, String period) {
        StringBuilder h = new StringBuilder(4096);
        h.append("# vpcflow suggest: rules that keep every flow observed ")
                .append(comment(period))
                .append(".\n");
        h.append("# Each narrowed rule replaces the rule named above it; apply with the old rule removed.\n");
        for (LeastPrivilege.Suggestion s : suggestions) {
            SecurityGroupRule r = s.rule();
            h.append("\n# ").append(comment(s.groupId() + " " + r.ruleId() + ": " + Proposal.describe(RuleKey.of(r))));
            if (s.kind() == LeastPrivilege.Kind.REMOVE) {
                h.append("\n# no flow used it: remove it\n");
                continue;
            }
            h.append(String.format(
                    "\n# %,d flows%s: narrowed to%n",
                    s.flows(), s.peers() < 0 ? "" : String.format(" from %,d peers", s.peers())));
            for (SecurityGroupRule n : s.replacements()) {
                resource(h, n);
            }
        }
        return h.toString();
    }

    private static void resource(StringBuilder h, SecurityGroupRule r) {
        String type = r.egress() ? "aws_vpc_security_group_egress_rule" : "aws_vpc_security_group_ingress_rule";
        h.append("resource \"")
                .append(type)
                .append("\" \"")
                .append(name(r.ruleId()))
                .append("\" {\n");
        attribute(h, "security_group_id", r.groupId());
        int protocol = RuleKey.protocolNumber(r.protocol());
        attribute(h, "ip_protocol", protocol == -1 ? "-1" : r.protocol());
        if (protocol != -1) {
            h.append("  from_port = ").append(r.fromPort()).append('\n');
            h.append("  to_port = ").append(r.toPort()).append('\n');
        }
        if (r.cidrIpv4() != null) {
            attribute(h, "cidr_ipv4", r.cidrIpv4());
        } else if (r.cidrIpv6() != null) {
            attribute(h, "cidr_ipv6", r.cidrIpv6());
        } else if (r.prefixListId() != null) {
            attribute(h, "prefix_list_id", r.prefixListId());
        } else if (r.referencedGroupId() != null) {
            attribute(h, "referenced_security_group_id", r.referencedGroupId());
        }
        if (r.description() != null && !r.description().isEmpty()) {
            attribute(h, "description", r.description());
        }
        h.append("}\n");
    }

    private static void attribute(StringBuilder h, String name, String value) {
        h.append("  ").append(name).append(" = ").append(string(value)).append('\n');
    }

    /** An HCL quoted string: escapes, and no interpolation or directive however the text is made. */
    static String string(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '$', '%' -> {
                    sb.append(c);
                    if (i + 1 < s.length() && s.charAt(i + 1) == '{') {
                        sb.append(c); // $${ and %%{ are the literal text
                    }
                }
                default -> {
                    if (c < 0x20 || c == 0x7f || Character.getType(c) == Character.FORMAT) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** A resource name: letters, digits and {@code _}, starting with a letter. */
    static String name(String id) {
        return "vpcflow_" + id.replaceAll("[^A-Za-z0-9_]", "_");
    }

    /** Text for a comment line: one line, no control characters. */
    private static String comment(String s) {
        return s.replaceAll("[\\p{Cntrl}\\p{Cf}]", " ");
    }
}

package io.vpcflow.inventory;

import java.util.List;

/** A managed prefix list with its entries (CIDR blocks), as security-group rules reference it. */
public record PrefixList(String id, String name, String addressFamily, List<String> cidrs) {
    public PrefixList {
        cidrs = List.copyOf(cidrs);
    }
}

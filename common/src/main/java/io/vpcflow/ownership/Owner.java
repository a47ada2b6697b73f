package io.vpcflow.ownership;

import io.vpcflow.inventory.NetworkInterface;
import java.util.List;

/**
 * Who owns a network interface: a kind, an id that identifies the owner (instance id, NAT gateway id,
 * load balancer id...), a readable name, and for Lambda the set of functions sharing the interface.
 *
 * @param functions      for {@link OwnerKind#LAMBDA}: every function (and version) using the interface, sorted
 * @param partial        true when the function set could not be resolved and was guessed from the description
 * @param interfaceType  the raw {@code InterfaceType}, kept for UNKNOWN owners and for inspection
 * @param description    the raw description, free text from the account
 */
public record Owner(
        OwnerKind kind,
        String id,
        String name,
        List<String> functions,
        boolean partial,
        String interfaceType,
        String description) {
    public static final Owner UNKNOWN = new Owner(OwnerKind.UNKNOWN, null, null, List.of(), false, null, null);

    public Owner {
        functions = List.copyOf(functions);
    }

    static Owner of(OwnerKind kind, String id, String name, NetworkInterface eni) {
        return new Owner(kind, id, name, List.of(), false, eni.interfaceType(), eni.description());
    }
}
